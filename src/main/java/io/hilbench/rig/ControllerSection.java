package io.hilbench.rig;

import io.hilbench.points.PointDefinition;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rig's {@code controller:} section (DESIGN §7): how the bench reaches the controller's supervisory
 * interface and what its points mean. Every tag named here exists in {@link #points()} (the loader checks it).
 *
 * @param protocol         how the bench talks to the controller
 * @param endpoint         {@code opc.tcp://host:port/path} or {@code modbus-tcp://host:port}
 * @param mirrorEndpoint   where a controller that serves both protocols (the reference controller) offers the
 *                         other one, or null
 * @param pointMap         the controller map file
 * @param points           the controller map's points (kinds command, setpoint, status; bindings controller.*)
 * @param commands         command name → point and semantics; start, stop and reset are always present
 * @param setpoints        setpoint name → tag
 * @param state            the state point and its table
 * @param alarms           meaning → point or bit; every meaning is mapped
 * @param identityName     tag of the controller's name (self-declared)
 * @param identityFirmware tag of its firmware version (self-declared)
 * @param simulationActive tag of the point the bench must read true before it sends any command
 */
public record ControllerSection(
        Protocol protocol,
        String endpoint,
        String mirrorEndpoint,
        Path pointMap,
        List<PointDefinition> points,
        Map<CommandName, Command> commands,
        Map<SetpointName, String> setpoints,
        StateTable state,
        Map<AlarmMeaning, AlarmRef> alarms,
        String identityName,
        String identityFirmware,
        String simulationActive) {

    public ControllerSection {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        points = List.copyOf(points);
        commands = Collections.unmodifiableMap(new EnumMap<>(commands));
        setpoints = setpoints.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(setpoints));
        alarms = alarms.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(alarms));
    }

    public enum Protocol {
        OPCUA("opc.tcp"), MODBUS("modbus-tcp");

        private final String scheme;

        Protocol(String scheme) { this.scheme = scheme; }

        /** URL scheme of its endpoint. */
        public String scheme() { return scheme; }
    }

    /** The supervisory commands; {@link #key()} is the rig key. */
    public enum CommandName {
        START, STOP, RESET, MODE, RESET_TO_INITIAL;

        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * How a command is given: {@code PULSE} writes true (1) and the controller clears it (or the bench writes
     * false after the next step); {@code LEVEL} writes the value and leaves it; {@code METHOD} calls the OPC UA
     * method of that name (OPC UA only).
     */
    public enum Semantics { PULSE, LEVEL, METHOD }

    public enum SetpointName {
        SUPPLY_TEMPERATURE;

        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    public record Command(String tag, Semantics semantics) {}

    /** The state point and its table vendor value → state (a value not in the table reads as unknown). */
    public record StateTable(String tag, Map<Integer, ControllerState> values) {
        public StateTable {
            values = Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        }

        public Optional<ControllerState> stateOf(int vendorValue) {
            return Optional.ofNullable(values.get(vendorValue));
        }
    }

    /**
     * An alarm as a whole point (active when non-zero) or one bit of an integer point ({@code TAG.bitN}).
     *
     * @param bit 0-based bit (0 = least significant), or -1 for the whole point
     */
    public record AlarmRef(String tag, int bit) {
        public boolean isBit() { return bit >= 0; }

        /** True when the alarm is active for the point's engineering value. */
        public boolean activeIn(double value) {
            return bit < 0 ? value != 0.0 : ((long) value >> bit & 1L) == 1L;
        }

        @Override
        public String toString() { return bit < 0 ? tag : tag + ".bit" + bit; }
    }

    public Command command(CommandName name) { return commands.get(name); }

    public Optional<PointDefinition> point(String tag) {
        return points.stream().filter(p -> p.tag().equals(tag)).findFirst();
    }
}
