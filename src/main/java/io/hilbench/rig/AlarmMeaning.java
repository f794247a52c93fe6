package io.hilbench.rig;

/** The alarm meanings requirements use (DESIGN §7, §8); a rig maps the controller's alarm points or bits onto them. */
public enum AlarmMeaning {
    START_REFUSED, HP_TRIP, LP_TRIP, FLOW_TRIP, DISCHARGE_TRIP, SENSOR_FAULT, DEFROST_MAX_TIME, COMM_LOSS, SHORT_CYCLE;

    public static AlarmMeaning parse(String s) {
        for (AlarmMeaning v : values()) if (v.name().equals(s.trim())) return v;
        throw new IllegalArgumentException("unknown alarm meaning '" + s.trim() + "' (expected START_REFUSED, HP_TRIP, LP_TRIP,"
                + " FLOW_TRIP, DISCHARGE_TRIP, SENSOR_FAULT, DEFROST_MAX_TIME, COMM_LOSS or SHORT_CYCLE)");
    }
}
