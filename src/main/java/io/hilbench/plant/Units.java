package io.hilbench.plant;

/**
 * The few conversions physics needs where a published correlation is written in °C or bar (CONVENTIONS: SI inside,
 * one small class converts, no stray {@code + 273.15}).
 */
public final class Units {
    /** 0 °C in K. */
    public static final double ZERO_CELSIUS_K = 273.15;
    /** 1 bar in Pa. */
    public static final double BAR_PA = 1.0e5;

    private Units() {}

    public static double kelvinFromDegC(double degC) { return degC + ZERO_CELSIUS_K; }

    public static double degCFromKelvin(double kelvin) { return kelvin - ZERO_CELSIUS_K; }

    public static double paFromBar(double bar) { return bar * BAR_PA; }

    public static double barFromPa(double pa) { return pa / BAR_PA; }
}
