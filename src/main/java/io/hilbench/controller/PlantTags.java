package io.hilbench.controller;

/**
 * The plant tags the reference controller's logic speaks (DESIGN §5 tag scheme; the Solrød rig's point map). A rig
 * for the reference controller must use these tags; its addresses, types and scaling are free.
 */
public final class PlantTags {
    private PlantTags() {}

    /** DH pump run command (coil) and speed set-point (%). */
    public static final String P271_RUN = "P-271.Run";
    public static final String P271_SPEED_SET = "P-271.SpeedSet";
    /** DH pump running feedback. */
    public static final String P271_RUNNING = "P-271.Running";
    /** DH flow switch: true = flow LOW. Flow is proven while it is clear. */
    public static final String FSL271 = "FSL-271";
    /** Heat pump DH water outlet (supply) temperature, °C. */
    public static final String TT272 = "TT-272";
    /** Hardwired safety chain (plant): HP switch, LP switch, discharge temperature trip. */
    public static final String PSHH202 = "PSHH-202";
    public static final String PSLL201 = "PSLL-201";
    public static final String TSHH202 = "TSHH-202";
    /** Gas-cooler (high-side) pressure, bar. */
    public static final String PT202 = "PT-202";
    /** Suction pressure, bar. */
    public static final String PT201 = "PT-201";
    /** Compressor discharge temperature, °C. */
    public static final String TT202 = "TT-202";
    /** Heat pump DH water inlet (return) temperature, °C. */
    public static final String TT271 = "TT-271";
    /** Heat pump DH water flow, m³/h. */
    public static final String FT271 = "FT-271";
    /** The plant's I/O watchdog has put the actuators at their fail-safe values (bench point). */
    public static final String WATCHDOG_TRIPPED = "BENCH.WatchdogTripped";
    /** Valves and set-points (%). */
    public static final String HV221_OPENING_SET = "HV-221.OpeningSet";
    public static final String HV222_OPENING_SET = "HV-222.OpeningSet";

    /** Compressor n (1..N = C-211..C-21N) enable coil. */
    public static String compressorEnable(int n) { return n >= 1 && n <= 9 ? COMPRESSOR_ENABLE[n] : "C-21" + n + ".Enable"; }

    private static final String[] COMPRESSOR_ENABLE = numbered(n -> "C-21" + n + ".Enable");

    /** Compressor n speed set-point, Hz (0 = stop). */
    public static String compressorSpeedSet(int n) { return n >= 1 && n <= 9 ? COMPRESSOR_SPEED_SET[n] : "C-21" + n + ".SpeedSet"; }

    private static final String[] COMPRESSOR_SPEED_SET = numbered(n -> "C-21" + n + ".SpeedSet");

    /** Compressor n actual speed (VFD feedback), Hz. */
    public static String compressorSpeed(int n) { return n >= 1 && n <= 9 ? COMPRESSOR_SPEED[n] : "C-21" + n + ".Speed"; }

    private static final String[] COMPRESSOR_SPEED = numbered(n -> "C-21" + n + ".Speed");

    /** Compressor n VFD fault (status, true = faulted). */
    public static String compressorFault(int n) { return n >= 1 && n <= 9 ? COMPRESSOR_FAULT[n] : "C-21" + n + ".Fault"; }

    private static final String[] COMPRESSOR_FAULT = numbered(n -> "C-21" + n + ".Fault");

    /** The tag prefix of compressor n's own points ("C-211."): its permissives start with it. */
    public static String compressorPrefix(int n) { return n >= 1 && n <= 9 ? COMPRESSOR_PREFIX[n] : "C-21" + n + "."; }

    private static final String[] COMPRESSOR_PREFIX = numbered(n -> "C-21" + n + ".");

    /** Air evaporator section s (1..4) refrigerant valve. */
    public static String sectionValve(int s) { return s >= 1 && s <= 9 ? SECTION_VALVE[s] : "XV-23" + s + ".Open"; }

    private static final String[] SECTION_VALVE = numbered(s -> "XV-23" + s + ".Open");

    /** Air evaporator section s fan speed set-point, %. */
    public static String fanSpeedSet(int s) { return s >= 1 && s <= 9 ? FAN_SPEED_SET[s] : "F-25" + s + ".SpeedSet"; }

    private static final String[] FAN_SPEED_SET = numbered(s -> "F-25" + s + ".SpeedSet");

    /** Air evaporator section s hot-gas defrost valve. */
    public static String defrostValve(int s) { return s >= 1 && s <= 9 ? DEFROST_VALVE[s] : "XV-24" + s + ".Open"; }

    private static final String[] DEFROST_VALVE = numbered(s -> "XV-24" + s + ".Open");

    /** Air evaporator section s coil temperature, °C. */
    public static String coilTemperature(int s) { return s >= 1 && s <= 9 ? COIL_TEMPERATURE[s] : "TT-23" + s; }

    private static final String[] COIL_TEMPERATURE = numbered(s -> "TT-23" + s);

    /** Air evaporator section s air-side pressure drop, Pa (frost). */
    public static String coilPressureDrop(int s) { return s >= 1 && s <= 9 ? COIL_PRESSURE_DROP[s] : "PDT-23" + s; }

    private static final String[] COIL_PRESSURE_DROP = numbered(s -> "PDT-23" + s);

    /** Outdoor air temperature, °C; relative humidity, %; irradiance on the collector plane, W/m². */
    public static final String TT101 = "TT-101";
    public static final String MT102 = "MT-102";
    public static final String RT101 = "RT-101";
    /** Gas-cooler CO2 outlet temperature, °C. */
    public static final String TT203 = "TT-203";
    /** Receiver pressure, bar. */
    public static final String PT204 = "PT-204";
    /** Water (tank-source) evaporator refrigerant valve, tank-source pump run / speed (%) / running. */
    public static final String XV261_OPEN = "XV-261.Open";
    public static final String P261_RUN = "P-261.Run";
    public static final String P261_SPEED_SET = "P-261.SpeedSet";
    public static final String P261_RUNNING = "P-261.Running";
    /** Water evaporator water inlet (from the tank bottom), °C. */
    public static final String TT261 = "TT-261";
    /** Tank bottom temperature, °C (the lowest of the Solrød rig's six tank sensors). */
    public static final String TT306 = "TT-306";

    /**
     * The tags of units 1..9 built once (index 0 unused): the controller names them every cycle, and a tag built per
     * call costs a string and its hash each time.
     */
    private static String[] numbered(java.util.function.IntFunction<String> tag) {
        String[] t = new String[10];
        for (int i = 1; i <= 9; i++) t[i] = tag.apply(i).intern(); // interned like the literal tags: a map keyed by interned tags matches them by ==
        return t;
    }
}
