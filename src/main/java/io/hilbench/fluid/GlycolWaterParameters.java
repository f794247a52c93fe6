package io.hilbench.fluid;

/**
 * Design data of the solar-loop heat-transfer fluid (a glycol-water mixture) for {@link GlycolWater}.
 *
 * @param description     what the fluid is, e.g. "propylene glycol-water 40 % by mass"
 * @param densityKgPerM3  density, kg/m3, taken constant
 * @param cpJPerKgK       isobaric heat capacity, J/(kg K), taken constant
 * @param minTemperatureK lowest temperature the values apply to (above the freezing point), K
 * @param maxTemperatureK highest temperature the values apply to (below boiling at loop pressure), K
 */
public record GlycolWaterParameters(String description, double densityKgPerM3, double cpJPerKgK,
                                    double minTemperatureK, double maxTemperatureK) {

    public GlycolWaterParameters {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description must not be blank");
        }
        Ranges.require("densityKgPerM3", densityKgPerM3, 800.0, 1300.0);
        Ranges.require("cpJPerKgK", cpJPerKgK, 2000.0, 4300.0);
        Ranges.require("minTemperatureK", minTemperatureK, 200.0, 373.15);
        if (!(maxTemperatureK > minTemperatureK && maxTemperatureK <= 473.15)) {
            throw new IllegalArgumentException("maxTemperatureK must be within (" + minTemperatureK
                    + ", 473.15], was " + maxTemperatureK);
        }
    }

    /**
     * Representative propylene glycol-water, 40 % glycol by mass (freezing near -21 degC), at about 40 degC:
     * rho = 1020 kg/m3, cp = 3700 J/(kg K). Order-of-magnitude values in line with the ASHRAE Handbook -
     * Fundamentals tables for aqueous propylene glycol; they were NOT checked against the table here and carry
     * an uncertainty of a few per cent (cp of such mixtures also rises by about 0.1 % per K). Replace them with
     * the data sheet of the fluid actually in the solar loop.
     */
    public static GlycolWaterParameters propyleneGlycol40PercentRepresentative() {
        return new GlycolWaterParameters("propylene glycol-water 40 % by mass (representative, see README)",
                1020.0, 3700.0, 253.15, 423.15);
    }
}
