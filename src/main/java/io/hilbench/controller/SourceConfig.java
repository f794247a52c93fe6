package io.hilbench.controller;

/**
 * Heat-source selection tuning of the reference controller ({@link SourceSelector}; domain notes §6). The controller's
 * own values: the requirement's tank-source minimum (15 °C, SO-02) lives in features/requirements.yaml and is not read
 * here; {@code tankMinDegC} keeps a margin above it.
 *
 * @param tankBottomTag          the rig's tank-bottom temperature sensor. Default TT-306 (Solrød: lowest of six)
 * @param tankMinDegC            the tank source is left when the tank bottom falls below this. Default 17 °C (15 °C
 *                               requirement + 2 K margin)
 * @param tankEnterDegC          the tank source may be taken again only from this (hysteresis). Default 20 °C
 * @param tankAdvantageK         the tank bottom this much warmer than the air makes the tank the better source (higher
 *                               evaporating temperature, higher COP). Default 5 K (1 K hysteresis)
 * @param solarNeedWPerM2        irradiance above which the solar field wants a cold inlet: the tank is cooled (source
 *                               both) even when the air is as good. Default 300 W/m² (100 W/m² hysteresis; collector
 *                               cut-in is ~150 W/m², domain notes §7)
 * @param overlapS               a switch runs both sources this long before the old one closes, with P-261 ramped
 *                               between tankPumpMinPct and tankPumpSpeedPct over it (bumpless: the water evaporator's
 *                               duty comes and goes gradually, so the capacity loop and the P-271 trim can follow).
 *                               Default 240 s (on the Solrød model a 60 s overlap let the supply fall 5 K when the
 *                               tank went out)
 * @param minDwellS              at least this long in one source before the next switch (not for leaving a tank that
 *                               fell below its minimum). Default 300 s
 * @param tankPumpSpeedPct       P-261 speed while the tank source is used, %. Default 100
 * @param tankPumpMinPct         P-261 speed at the start and end of its ramp in a switch, %. Default 20
 * @param tankPumpOverrunS       P-261 runs this long after XV-261 closed (no refrigerant trapped boiling in a stagnant
 *                               exchanger). Default 30 s
 * @param tankPumpProofS         P-261 must report running this long before XV-261 opens (no refrigerant into an
 *                               exchanger without water: freezing). Default 5 s
 */
public record SourceConfig(String tankBottomTag, double tankMinDegC, double tankEnterDegC, double tankAdvantageK, double solarNeedWPerM2,
                           double overlapS, double minDwellS, double tankPumpSpeedPct, double tankPumpMinPct, double tankPumpOverrunS, double tankPumpProofS) {
    public SourceConfig {
        if (tankBottomTag == null || tankBottomTag.isBlank()) throw new IllegalArgumentException("tankBottomTag must be named");
        if (!(tankEnterDegC >= tankMinDegC)) throw new IllegalArgumentException("tankEnterDegC " + tankEnterDegC + " must be >= tankMinDegC " + tankMinDegC);
        if (!(tankPumpSpeedPct > 0 && tankPumpSpeedPct <= 100)) throw new IllegalArgumentException("tankPumpSpeedPct must be in (0, 100], was " + tankPumpSpeedPct);
        if (!(tankPumpMinPct > 0 && tankPumpMinPct <= tankPumpSpeedPct)) throw new IllegalArgumentException("tankPumpMinPct must be in (0, tankPumpSpeedPct], was " + tankPumpMinPct);
        for (double v : new double[] {tankAdvantageK, solarNeedWPerM2, overlapS, minDwellS, tankPumpOverrunS, tankPumpProofS}) {
            if (!(v >= 0)) throw new IllegalArgumentException("source settings must be >= 0, was " + v);
        }
    }

    public static SourceConfig defaults() {
        return new SourceConfig(PlantTags.TT306, 17, 20, 5, 300, 240, 300, 100, 20, 30, 5);
    }
}
