package io.hilbench.rig;

import java.util.Locale;

/** The controller states scenarios speak (DESIGN §7); a rig maps the vendor's state values onto them. */
public enum ControllerState {
    OFF, STARTING, RUNNING, DEFROSTING, STOPPING, TRIPPED, FAULT;

    /** The name as written in a rig: Off, Starting, ... */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** Parses Off, Starting, ... (case-insensitive); throws with the list of names otherwise. */
    public static ControllerState parse(String s) {
        for (ControllerState v : values()) if (v.name().equalsIgnoreCase(s.trim())) return v;
        throw new IllegalArgumentException("unknown state '" + s.trim()
                + "' (expected Off, Starting, Running, Defrosting, Stopping, Tripped or Fault)");
    }
}
