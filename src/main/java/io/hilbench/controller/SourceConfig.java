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
 * @param tankSourceMaxHz        speed ceiling of every compressor while the water evaporator is the only source, Hz.
 *                               The compressors' CO2 flow is ṁ = ρ_suction·V_swept·f·η_vol: on the tank source the
 *                               suction (~45 bar at a 35 °C tank bottom) is ~1.5× as dense as at the air design point
 *                               (29 bar), so full speed pumps 10.9 kg/s through a gas cooler sized for 5.6 kg/s
 *                               (plant parameters gasCooler.co2MassFlowNominalKgPerS): its cold-end approach grows to
 *                               ~10 K and the COP falls to within 14 % of the air source's. Default 40 Hz: near the
 *                               gas cooler's nominal CO2 flow at a 35 °C tank bottom (bench rating, 5 °C air, 40 →
 *                               75 °C, 120 bar: 6.2 kg/s, 918 kW, COP 2.76 against 2.35 on the air at the same
 *                               speed; full speed 10.9 kg/s, COP 2.66 against 2.33), and enough heat to hold a 75 °C
 *                               supply at P-271's minimum flow (60 %: 6 kg/s, ~880 kW; 36 Hz, the nominal flow itself,
 *                               gave 840 kW and a 73.4 °C supply in SO-01). The capacity loop, staging and the P-271
 *                               trim take this ceiling for the maximum; it moves at
 *                               {@value SourceSelector#CEILING_RATE_HZ_PER_S} Hz/s when the source changes (bumpless)
 * @param tankStartMaxDegC       a start from standstill on a tank bottom warmer than this is made on the air: the
 *                               selector holds the air until the compressors have run {@code minDwellS}, then takes the
 *                               tank with the bumpless switch (P-261 ramped from tankPumpMinPct over the overlap). Why:
 *                               a start on the water evaporator with the full P-261 flow of a warm bottom floods the
 *                               suction before the evaporating-pressure regulator holds it (1.8 MW in the first 5 s,
 *                               the suction at 45–48 bar for a minute, co2-heat-pump README), the compressors' CO2 flow
 *                               grows with the suction's density and PT-202 climbs past the 125 bar soft limit: the
 *                               year studies of sessions 10 and 11 tripped there (bottoms 37.9 and 39.7 °C), and the
 *                               solar lift (TankChargingConfig#bottomWarmDegC) starts the heat pump on 43–49 °C summer
 *                               bottoms. Default {@code +Infinity} (off: every start on the chosen source, main's
 *                               behaviour, under which the scenarios were judged); {@link #forYearStudies()} (an experiment) sets 30 °C.
 *                               At 37 °C (above the scenarios' 35 °C) the year study still tripped at 468.8 h on a
 *                               tank start at a 35.1 °C bottom (air 3 °C: suction 37.6 → 48.1 bar in a minute, a second
 *                               compressor staged in, PT-202 120 bar at the 60 s sample, then the trip)
 * @param tankStageUpMaxSuctionBar no stage-up while the water evaporator is a source and PT-201 is above this, bar: a
 *                               suction above the evaporating-pressure regulator's 45 bar cap is flooded (the water
 *                               evaporator's first burst), each Hz then pumps ~1.5× the design CO2 flow, and a compressor
 *                               staged in on it took PT-202 from 80 to 120 bar within a minute in both year-study trips
 *                               (main's at 6,684.9 h: suction 45.7–48 bar at the stage-ups; this branch's at 468.8 h).
 *                               The running compressors pull the suction down to the cap first. Default
 *                               {@code +Infinity} (off, main's behaviour); {@link #forYearStudies()} (an experiment) sets 45.5 bar
 * @param tankCapacityHoldSuctionBar while the water evaporator is a source and PT-201 is above this, bar, the capacity
 *                               loop may lower the compressors' speed but not raise it: above the evaporating-pressure
 *                               regulator's 45 bar cap the water evaporator's duty is cut (to 0 above the cap, WaterEvaporator
 *                               (4)), and more speed on a suction that dense pumps ~1.5× the design CO2 flow per Hz into the
 *                               gas cooler, so the lost heat answered with speed drove PT-202 to the 127 bar cut-out
 *                               (session 12, tank3: four compressors 36 → 40 Hz in 5 s at 44.8 bar, PT-202 127.1 bar).
 *                               Holding lets the running compressors pull the suction back into the band, where the heat
 *                               returns. An experiment, OFF by default ({@link #DEFAULT_CAPACITY_HOLD_SUCTION_BAR} = +Infinity):
 *                               at 45.2 bar the year study tripped 5 min into its first start (tank source, suction
 *                               52 bar at the start: the speed held at 45 Hz for 90 s, the supply fell 17 K below its
 *                               set-point, two stage-ups followed within a minute and PT-202 read 128.6 bar, the
 *                               Pc-max cut-out, 312 s in), where the year without it runs 861 h (issue #15, session 13)
 */
public record SourceConfig(String tankBottomTag, double tankMinDegC, double tankEnterDegC, double tankAdvantageK, double solarNeedWPerM2,
                           double overlapS, double minDwellS, double tankPumpSpeedPct, double tankPumpMinPct, double tankPumpOverrunS, double tankPumpProofS,
                           double tankSourceMaxHz, double tankStartMaxDegC, double tankStageUpMaxSuctionBar,
                           double tankCapacityHoldSuctionBar) {
    /** With the default start rules (off) and capacity hold. */
    public SourceConfig(String tankBottomTag, double tankMinDegC, double tankEnterDegC, double tankAdvantageK, double solarNeedWPerM2,
                        double overlapS, double minDwellS, double tankPumpSpeedPct, double tankPumpMinPct, double tankPumpOverrunS, double tankPumpProofS,
                        double tankSourceMaxHz) {
        this(tankBottomTag, tankMinDegC, tankEnterDegC, tankAdvantageK, solarNeedWPerM2, overlapS, minDwellS, tankPumpSpeedPct, tankPumpMinPct,
                tankPumpOverrunS, tankPumpProofS, tankSourceMaxHz, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, DEFAULT_CAPACITY_HOLD_SUCTION_BAR);
    }

    /** Default of {@code tankCapacityHoldSuctionBar}: off (+Infinity); 45.2 bar, just above the regulator's 44–45 bar band, was tried (see the parameter). */
    public static final double DEFAULT_CAPACITY_HOLD_SUCTION_BAR = Double.POSITIVE_INFINITY;

    public SourceConfig {
        if (Double.isNaN(tankStartMaxDegC)) throw new IllegalArgumentException("tankStartMaxDegC must be a number (+Infinity: off)");
        if (!(tankCapacityHoldSuctionBar > 0)) throw new IllegalArgumentException("tankCapacityHoldSuctionBar must be > 0 (+Infinity: off), was " + tankCapacityHoldSuctionBar);
        if (!(tankStageUpMaxSuctionBar > 0)) throw new IllegalArgumentException("tankStageUpMaxSuctionBar must be > 0 (+Infinity: off), was " + tankStageUpMaxSuctionBar);
        if (tankBottomTag == null || tankBottomTag.isBlank()) throw new IllegalArgumentException("tankBottomTag must be named");
        if (!(tankEnterDegC >= tankMinDegC)) throw new IllegalArgumentException("tankEnterDegC " + tankEnterDegC + " must be >= tankMinDegC " + tankMinDegC);
        if (!(tankPumpSpeedPct > 0 && tankPumpSpeedPct <= 100)) throw new IllegalArgumentException("tankPumpSpeedPct must be in (0, 100], was " + tankPumpSpeedPct);
        if (!(tankPumpMinPct > 0 && tankPumpMinPct <= tankPumpSpeedPct)) throw new IllegalArgumentException("tankPumpMinPct must be in (0, tankPumpSpeedPct], was " + tankPumpMinPct);
        if (!(tankSourceMaxHz > 0) || Double.isInfinite(tankSourceMaxHz)) throw new IllegalArgumentException("tankSourceMaxHz must be > 0 and finite, was " + tankSourceMaxHz);
        for (double v : new double[] {tankAdvantageK, solarNeedWPerM2, overlapS, minDwellS, tankPumpOverrunS, tankPumpProofS}) {
            if (!(v >= 0)) throw new IllegalArgumentException("source settings must be >= 0, was " + v);
        }
    }

    public static SourceConfig defaults() {
        return new SourceConfig(PlantTags.TT306, 17, 20, 5, 300, 240, 300, 100, 20, 30, 5, 40, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                DEFAULT_CAPACITY_HOLD_SUCTION_BAR);
    }

    /**
     * The defaults with the start rules tried for the year study (issue #15; {@code bench simulate --study-start-rules}):
     * warm starts on the air above a 30 °C bottom, no stage-up into a suction above 45.5 bar on the tank source. An
     * experiment, not a default anywhere: with them the year still tripped, at 468.95 h (main's defaults: 6,684.9 h),
     * when the tank came in under four running compressors (BENCHMARKS.md, session 12 {@code tank3}).
     */
    public SourceConfig forYearStudies() {
        return withTankStartMaxDegC(30).withTankStageUpMaxSuctionBar(45.5);
    }

    /** A copy with another warm-start limit (see {@code tankStartMaxDegC}; {@code +Infinity}: off). */
    public SourceConfig withTankStartMaxDegC(double degC) {
        return new SourceConfig(tankBottomTag, tankMinDegC, tankEnterDegC, tankAdvantageK, solarNeedWPerM2, overlapS, minDwellS, tankPumpSpeedPct,
                tankPumpMinPct, tankPumpOverrunS, tankPumpProofS, tankSourceMaxHz, degC, tankStageUpMaxSuctionBar, tankCapacityHoldSuctionBar);
    }

    /** A copy with another stage-up suction limit on the tank source (see {@code tankStageUpMaxSuctionBar}). */
    public SourceConfig withTankStageUpMaxSuctionBar(double bar) {
        return new SourceConfig(tankBottomTag, tankMinDegC, tankEnterDegC, tankAdvantageK, solarNeedWPerM2, overlapS, minDwellS, tankPumpSpeedPct,
                tankPumpMinPct, tankPumpOverrunS, tankPumpProofS, tankSourceMaxHz, tankStartMaxDegC, bar, tankCapacityHoldSuctionBar);
    }

    /** A copy with another capacity-hold suction limit on the tank source (see {@code tankCapacityHoldSuctionBar}). */
    public SourceConfig withTankCapacityHoldSuctionBar(double bar) {
        return new SourceConfig(tankBottomTag, tankMinDegC, tankEnterDegC, tankAdvantageK, solarNeedWPerM2, overlapS, minDwellS, tankPumpSpeedPct,
                tankPumpMinPct, tankPumpOverrunS, tankPumpProofS, tankSourceMaxHz, tankStartMaxDegC, tankStageUpMaxSuctionBar, bar);
    }
}
