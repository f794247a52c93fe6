package io.hilbench.fluid;

/**
 * A small mutable result holder for the allocation-free fast path: the caller keeps one per thread and passes
 * it to {@link Co2Tables#lookupPressureEnthalpy}. SI units; not thread-safe by design.
 */
public final class Co2LookupResult {
    double temperatureK;
    double densityKgPerM3;
    double entropyJPerKgK;
    double cpJPerKgK;
    double speedOfSoundMPerS;
    double quality;
    Co2Phase phase = Co2Phase.VAPOR;
    /** Scratch of the table look-up, kept here so that a look-up allocates nothing. */
    final Co2Tables.Locator locator = new Co2Tables.Locator();

    /** Temperature, K. */
    public double temperatureK() {
        return temperatureK;
    }

    /** (Mixture) density, kg/m3. */
    public double densityKgPerM3() {
        return densityKgPerM3;
    }

    /** Specific entropy, J/(kg K). */
    public double entropyJPerKgK() {
        return entropyJPerKgK;
    }

    /** Isobaric heat capacity, J/(kg K); NaN in the two-phase region. */
    public double cpJPerKgK() {
        return cpJPerKgK;
    }

    /** Speed of sound, m/s; NaN in the two-phase region. */
    public double speedOfSoundMPerS() {
        return speedOfSoundMPerS;
    }

    /** Vapour quality 0..1 in the two-phase region, NaN otherwise. */
    public double quality() {
        return quality;
    }

    /** Phase, see {@link Co2Phase}. */
    public Co2Phase phase() {
        return phase;
    }
}
