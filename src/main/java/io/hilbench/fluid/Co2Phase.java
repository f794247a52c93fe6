package io.hilbench.fluid;

/**
 * Phase of a CO2 state. Definitions used throughout the {@code fluid} package (and printed by
 * {@code bench fluid co2}):
 * <ul>
 *   <li>{@link #SUPERCRITICAL} "supercritical": p &ge; p_c = 7.3773 MPa, at any temperature (this includes the
 *       dense "supercritical liquid" below T_c; in a transcritical cycle the whole gas-cooler side is here);</li>
 *   <li>{@link #LIQUID} "liquid": p &lt; p_c and T &lt; T_sat(p);</li>
 *   <li>{@link #VAPOR} "vapor": p &lt; p_c and T &gt; T_sat(p), including T &gt; T_c at p &lt; p_c;</li>
 *   <li>{@link #TWO_PHASE} "two-phase": p &lt; p_c inside the saturation dome (vapour quality 0..1).</li>
 * </ul>
 */
public enum Co2Phase {
    LIQUID("liquid"),
    VAPOR("vapor"),
    SUPERCRITICAL("supercritical"),
    TWO_PHASE("two-phase");

    private final String jsonName;

    Co2Phase(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in JSON output and documentation, e.g. "two-phase". */
    public String jsonName() {
        return jsonName;
    }
}
