package io.hilbench.points;

/** The bench's own variables (DESIGN §4 lockstep handshake and §5 I/O watchdog), bound as {@code bench.<name>}. */
public enum BenchVariable {
    /** plant step N being published (read-only) */
    STEP("step", false),
    /** plant time in ms (read-only) */
    PLANT_TIME_MS("plantTimeMs", false),
    /** lockstep acknowledgement, written by the controller last in its cycle */
    ACK("ack", true),
    /** pacing mode (read-only enum) */
    MODE("mode", false),
    /** controller heartbeat; the I/O watchdog trips when it stops changing */
    HEARTBEAT("heartbeat", true),
    /** set while the watchdog applies failsafe values (read-only) */
    WATCHDOG_TRIPPED("watchdogTripped", false);

    private final String bindingName;
    private final boolean controllerWritable;

    BenchVariable(String bindingName, boolean controllerWritable) {
        this.bindingName = bindingName;
        this.controllerWritable = controllerWritable;
    }

    public String bindingName() { return bindingName; }

    public boolean controllerWritable() { return controllerWritable; }

    /** The variable of a {@code bench.<name>} binding, or null. */
    public static BenchVariable byBindingName(String name) {
        for (BenchVariable v : values()) if (v.bindingName.equals(name)) return v;
        return null;
    }
}
