package io.hilbench;

/**
 * The project's one unit converter (CONVENTIONS: "SI inside, units at the edges"). Physics works in K, Pa,
 * J/kg, J/(kg K); registers, OPC UA, the CLI and Gherkin speak degC, bar, kJ/kg. Every conversion is exact
 * by definition (ITS-90 offset 273.15 K, 1 bar = 1e5 Pa, 1 kJ = 1000 J). JDK only.
 */
public final class Units {

    /** Offset between the Celsius and the Kelvin scale, K (exact by definition). */
    public static final double CELSIUS_OFFSET_K = 273.15;
    /** Pascals per bar (exact). */
    public static final double PA_PER_BAR = 1.0e5;
    /** Joules per kilojoule (exact). */
    public static final double J_PER_KJ = 1.0e3;

    private Units() {
    }

    public static double degCToK(double temperatureDegC) {
        return temperatureDegC + CELSIUS_OFFSET_K;
    }

    public static double kToDegC(double temperatureK) {
        return temperatureK - CELSIUS_OFFSET_K;
    }

    public static double barToPa(double pressureBar) {
        return pressureBar * PA_PER_BAR;
    }

    public static double paToBar(double pressurePa) {
        return pressurePa / PA_PER_BAR;
    }

    /** kJ/kg to J/kg; also kJ/(kg K) to J/(kg K). */
    public static double kJToJ(double valueKJ) {
        return valueKJ * J_PER_KJ;
    }

    /** J/kg to kJ/kg; also J/(kg K) to kJ/(kg K). */
    public static double jToKJ(double valueJ) {
        return valueJ / J_PER_KJ;
    }
}
