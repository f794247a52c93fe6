package io.hilbench.plant.co2;

/** Which evaporators the rating runs: the air sections, the tank-source water evaporator, or both in parallel. */
public enum HeatSource {
    AIR, TANK, BOTH;

    public boolean usesAir() { return this != TANK; }

    public boolean usesTank() { return this != AIR; }
}
