package io.hilbench.fluid;

/**
 * An immutable thermodynamic state of CO2 (SI units, IIR reference state: h = 200 kJ/kg and s = 1 kJ/(kg K)
 * for saturated liquid at 0 degC).
 *
 * @param pressurePa        pressure, Pa
 * @param temperatureK      temperature, K
 * @param densityKgPerM3    (mixture) density, kg/m3
 * @param enthalpyJPerKg    specific enthalpy, J/kg
 * @param entropyJPerKgK    specific entropy, J/(kg K)
 * @param cpJPerKgK         isobaric heat capacity, J/(kg K); {@code Double.NaN} in the two-phase region, where
 *                          it is not defined (the CLI prints JSON null)
 * @param speedOfSoundMPerS speed of sound, m/s; {@code Double.NaN} in the two-phase region (not defined for a
 *                          homogeneous mixture by this model; the CLI prints JSON null)
 * @param phase             phase, see {@link Co2Phase}
 * @param quality           vapour mass fraction 0..1 in the two-phase region; {@code Double.NaN} in single-phase
 *                          states, where it is not defined
 */
public record Co2State(double pressurePa, double temperatureK, double densityKgPerM3, double enthalpyJPerKg,
                       double entropyJPerKgK, double cpJPerKgK, double speedOfSoundMPerS, Co2Phase phase,
                       double quality) {

    public Co2State {
        if (phase == null) {
            throw new IllegalArgumentException("phase must not be null");
        }
    }

    /** True when the state lies inside the saturation dome. */
    public boolean isTwoPhase() {
        return phase == Co2Phase.TWO_PHASE;
    }
}
