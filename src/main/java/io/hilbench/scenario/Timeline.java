package io.hilbench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a scenario did and when, in plant time: the operator's commands, set-point and weather changes, faults put on
 * and taken off, the I/O link lost and restored. The requirement checks count their windows from these (the start
 * command, the stimulus, the reset after the cause was removed), so no Gherkin step carries a plant time.
 */
public final class Timeline {
    /**
     * {@code CONDITION}: a precondition reached ("running at full load", "settled"): where a steady-run window begins.
     * {@code INITIAL}: an initial condition applied (tank profile, frost, imposed weather or DH return): references are
     * read after the last one. {@code WAIT}: a step began waiting for the plant to reach a state ("section 2 starts to
     * defrost"): its precondition's budget counts from here.
     */
    public enum Kind { START, STOP, RESET, SITE_RESET, SETPOINT, WEATHER, FAULT, FAULT_CLEARED, LINK_LOST, LINK_RESTORED, CONDITION, INITIAL, WAIT }

    /** One action: its kind, plant time, what it was, and its value in SI where it has one (set-point K, air K). */
    public record Entry(Kind kind, long plantTimeMs, String what, double valueSi) {}

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(Kind kind, long plantTimeMs, String what, double valueSi) {
        entries.add(new Entry(kind, plantTimeMs, what, valueSi));
    }

    /** Every entry in the order they happened. */
    public synchronized List<Entry> entries() { return List.copyOf(entries); }

    /** A timeline holding the given entries (a re-judge rebuilds the one an assertion was registered with). */
    public static Timeline of(List<Entry> entries) {
        Timeline t = new Timeline();
        t.entries.addAll(entries);
        return t;
    }

    public synchronized List<Entry> all(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    public Optional<Entry> first(Kind kind) {
        List<Entry> l = all(kind);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public Optional<Entry> last(Kind kind) {
        List<Entry> l = all(kind);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    /** The first entry of {@code kind} at or after {@code plantTimeMs}. */
    public Optional<Entry> firstAtOrAfter(Kind kind, long plantTimeMs) {
        return all(kind).stream().filter(e -> e.plantTimeMs() >= plantTimeMs).findFirst();
    }

    /** The last entry of {@code kind} recorded before the last entry of {@code marker} (all of them when there is no marker), in the order they happened. */
    public synchronized Optional<Entry> lastBefore(Kind kind, Kind marker) {
        int end = entries.size();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).kind() == marker) {
                end = i;
                break;
            }
        }
        for (int i = end - 1; i >= 0; i--) if (entries.get(i).kind() == kind) return Optional.of(entries.get(i));
        return Optional.empty();
    }

    /** The entry of {@code kind} a check needs, or an error naming the step the scenario lacks. */
    public Entry require(Optional<Entry> e, String needs) {
        return e.orElseThrow(() -> new IllegalStateException("the scenario has no " + needs));
    }
}
