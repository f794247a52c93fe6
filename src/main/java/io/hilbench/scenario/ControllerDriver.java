package io.hilbench.scenario;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.ControllerSection.CommandName;
import io.hilbench.rig.ControllerSection.Semantics;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.Emulator;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.judge.Inconclusive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller under test as scenarios see it (DESIGN §7), through its supervisory interface as the rig maps it:
 * commands with pulse or level semantics, the supply set-point, the state through the rig's state table, alarms
 * through the alarm map (points or bits), and the self-declared identity. Nothing here knows a vendor's registers:
 * the rig's {@code controller:} section is the only source.
 *
 * <p><b>Interlock.</b> Before every command and set-point the driver reads {@code simulation_active}; unless it reads
 * true the command is not sent and the scenario is inconclusive — a controller still wired to live plant is never
 * started by a scenario.
 *
 * <p><b>Trace.</b> {@link #addTraceColumns} has the step loop read state and alarms after each Ack into the trace:
 * {@value #STATE_COLUMN} holds the {@link ControllerState} ordinal (NaN when the vendor value is not in the table or
 * the read failed), {@value #ALARMS_COLUMN} a bit mask with bit k set for {@code AlarmMeaning.values()[k]}.
 */
public final class ControllerDriver {
    private static final Logger log = LoggerFactory.getLogger(ControllerDriver.class);
    public static final String STATE_COLUMN = "controller.state";
    public static final String ALARMS_COLUMN = "controller.alarms";

    private final ControllerSection section;
    private final SupervisoryLink link;
    private final List<String> statusTags = new ArrayList<>();
    private volatile StepGate gate = StepGate.NONE;
    private volatile double lastAlarms = Double.NaN;

    public ControllerDriver(ControllerSection section, SupervisoryLink link) {
        this.section = section;
        this.link = link;
        statusTags.add(section.state().tag());
        for (ControllerSection.AlarmRef r : section.alarms().values()) if (!statusTags.contains(r.tag())) statusTags.add(r.tag());
    }

    /** Where commands are placed in plant time (the current run's {@link PlantDriver}). */
    public void useGate(StepGate g) { this.gate = g == null ? StepGate.NONE : g; }

    public SupervisoryLink link() { return link; }

    public ControllerSection section() { return section; }

    // ------------------------------------------------------------------ reading

    public boolean simulationActive() throws IOException {
        return link.read(section.simulationActive()) >= 0.5;
    }

    /** The controller's state through the rig's table; empty when the vendor value is not in it. */
    public Optional<ControllerState> state() throws IOException {
        double v = link.read(section.state().tag());
        return Double.isNaN(v) ? Optional.empty() : section.state().stateOf((int) Math.round(v));
    }

    public Set<AlarmMeaning> alarms() throws IOException {
        double[] v = link.read(statusTags);
        return alarmsOf(v);
    }

    private Set<AlarmMeaning> alarmsOf(double[] statusValues) {
        Set<AlarmMeaning> out = EnumSet.noneOf(AlarmMeaning.class);
        for (Map.Entry<AlarmMeaning, ControllerSection.AlarmRef> e : section.alarms().entrySet()) {
            double v = statusValues[statusTags.indexOf(e.getValue().tag())];
            if (!Double.isNaN(v) && e.getValue().activeIn(v)) out.add(e.getKey());
        }
        return out;
    }

    /** Self-declared name and firmware (DESIGN §10: marked self-declared in the evidence). */
    public String identity() throws IOException {
        return link.readText(section.identityName()).trim() + " " + link.readText(section.identityFirmware()).trim();
    }

    // ------------------------------------------------------------------ commanding

    public void start() throws Exception { command(CommandName.START); }

    public void stop() throws Exception { command(CommandName.STOP); }

    public void reset() throws Exception { command(CommandName.RESET); }

    public boolean hasResetToInitial() { return section.command(CommandName.RESET_TO_INITIAL) != null; }

    public void resetToInitial() throws Exception { command(CommandName.RESET_TO_INITIAL); }

    /** Gives a command as the rig maps it, between steps, after the interlock. */
    public void command(CommandName name) throws Exception {
        ControllerSection.Command c = section.command(name);
        if (c == null) throw new IllegalStateException("the rig's controller map has no '" + name.key() + "' command");
        if (c.semantics() == Semantics.METHOD) {
            throw new UnsupportedOperationException("command " + name.key() + " (" + c.tag() + ") uses OPC UA method semantics, which the scenario driver does not call yet");
        }
        // pulse: true, the controller clears it when taken; level: the command's level is set and left
        gate.between(() -> {
            interlock(name.key());
            link.write(c.tag(), 1.0);
        });
        log.info("controller command {} ({} {})", name.key(), c.semantics().name().toLowerCase(java.util.Locale.ROOT), c.tag());
    }

    public void setSupplySetpoint(Quantity temperature) throws Exception {
        String tag = section.setpoints().get(ControllerSection.SetpointName.SUPPLY_TEMPERATURE);
        if (tag == null) throw new IllegalStateException("the rig's controller map has no supply_temperature set-point");
        gate.between(() -> {
            interlock("supply set-point");
            link.write(tag, temperature.value());
        });
    }

    private void interlock(String what) throws IOException {
        if (!simulationActive()) {
            throw new Inconclusive("the bench sent no " + what + ": " + section.simulationActive() + " does not read true at " + link.describe()
                    + " (a controller not confirmed to be on the bench is never commanded, DESIGN §7)");
        }
    }

    // ------------------------------------------------------------------ trace columns

    /** Registers the state and alarm columns, read after every {@code everySteps}-th Ack (before the emulator starts). */
    public void addTraceColumns(Emulator emulator, int everySteps) {
        emulator.addExtensionColumn(STATE_COLUMN, this::sampleStatus, everySteps);
        emulator.addExtensionColumn(ALARMS_COLUMN, () -> lastAlarms, everySteps);
    }

    /**
     * How many times a status read that timed out is sent (the first and the retries). A read of the trace's state and
     * alarm columns that failed left NaN and an event in the trace: under heavy load a controller JVM starved for more
     * than the 10 s request timeout (session 10: a supervisory read answered after more than 10 s in an undisturbed
     * DF-02 run at load ~30, the namespace read 11.4 s late in the frozen one) would make the trace depend on the load.
     * A read changes nothing in the controller, so sending it again is safe; a link that fails otherwise (the controller
     * gone: connection closed or refused) fails at once, as before.
     */
    static final int STATUS_READ_ATTEMPTS = 3;

    /** One read of state and alarm points; the alarm mask is kept for the column read right after. */
    double sampleStatus() {
        double[] v;
        try {
            v = readStatus();
        } catch (IOException e) {
            lastAlarms = Double.NaN;
            throw new IllegalStateException(e.getMessage(), e);
        }
        long mask = 0;
        for (AlarmMeaning a : alarmsOf(v)) mask |= 1L << a.ordinal();
        lastAlarms = mask;
        double code = v[0];
        if (Double.isNaN(code)) return Double.NaN;
        return section.state().stateOf((int) Math.round(code)).map(s -> (double) s.ordinal()).orElse(Double.NaN);
    }

    private double[] readStatus() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return link.read(statusTags);
            } catch (IOException e) {
                if (attempt >= STATUS_READ_ATTEMPTS || !timedOut(e)) throw e;
                log.warn("status read of the controller timed out (attempt {} of {}), sent again: {}", attempt, STATUS_READ_ATTEMPTS, e.getMessage());
            }
        }
    }

    /** Whether a failed request timed out (the controller late, not gone): Milo's Bad_Timeout, a socket or future timeout. */
    static boolean timedOut(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof java.net.SocketTimeoutException || x instanceof java.util.concurrent.TimeoutException) return true;
            if (x instanceof org.eclipse.milo.opcua.stack.core.UaException u
                    && u.getStatusCode().value() == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_Timeout) return true;
        }
        return false;
    }

    /** Decodes an alarm-mask cell of the trace. */
    public static Set<AlarmMeaning> alarmsInMask(double mask) {
        Set<AlarmMeaning> out = EnumSet.noneOf(AlarmMeaning.class);
        if (Double.isNaN(mask)) return out;
        long m = (long) mask;
        for (AlarmMeaning a : AlarmMeaning.values()) if ((m >> a.ordinal() & 1) == 1) out.add(a);
        return out;
    }
}
