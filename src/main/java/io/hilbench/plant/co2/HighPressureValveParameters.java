package io.hilbench.plant.co2;

/**
 * Design data of the high-pressure valve HV-221 ({@link HighPressureValve}); the flash-gas bypass valve HV-222 uses
 * the same record. SI units; sources in plant-models/co2-heat-pump/README.md.
 *
 * @param flowCoefficientM2 C in ṁ = C·y·√(ρ_in·Δp) at full opening y = 1, m² (HV-221: 1.8e-4 m² [C]: 5.6 kg/s at y ≈ 0.5,
 *                          105 → 35 bar, 600 kg/m³; HV-222: 6e-4 m² [C]: the design-point flash gas, 2.4 kg/s at 35 → 29 bar, at y ≈ 0.5)
 * @param travelTimeS       full-stroke travel time of the stepper actuator, s (HV-221: 5 s, HV-222: 5 s [L "a few s"])
 */
public record HighPressureValveParameters(double flowCoefficientM2, double travelTimeS) {
    public HighPressureValveParameters {
        Check.positive("flowCoefficientM2", flowCoefficientM2);
        Check.positive("travelTimeS", travelTimeS);
    }

    public static HighPressureValveParameters hv221Defaults() {
        return new HighPressureValveParameters(1.8e-4, 5.0);
    }

    public static HighPressureValveParameters hv222Defaults() {
        return new HighPressureValveParameters(6.0e-4, 5.0);
    }
}
