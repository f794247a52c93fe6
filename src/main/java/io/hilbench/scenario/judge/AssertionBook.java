package io.hilbench.scenario.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The assertions of one scenario (soft assertions, DESIGN §8): registered by the {@code Then} steps, all evaluated
 * together at the end on the recorded trace, so a controller fault is caught on its named assertion even when
 * another one fails as well.
 */
public final class AssertionBook {
    /** How the error of a scenario whose checks threw begins: an error of the bench, not a verdict on the controller. */
    public static final String ERROR_PREFIX = "ERROR (a check of the bench threw):";

    private final List<Assertion> assertions = new ArrayList<>();
    private java.util.function.Consumer<Assertion> onRegister = a -> {};

    public void register(Assertion a) {
        if (assertions.stream().anyMatch(x -> x.id().equals(a.id()))) throw new IllegalStateException("assertion " + a.id() + " registered twice");
        assertions.add(a);
        onRegister.accept(a);
    }

    /** Called with each assertion as it is registered (the scenario notes what a re-judge must rebuild it from). */
    public void onRegister(java.util.function.Consumer<Assertion> listener) {
        this.onRegister = java.util.Objects.requireNonNull(listener);
    }

    public List<Assertion> assertions() { return List.copyOf(assertions); }

    public boolean isEmpty() { return assertions.isEmpty(); }

    /** The plant time the run must reach so every registered window is covered. */
    public long windowEndMs() {
        return assertions.stream().mapToLong(Assertion::windowEndMs).max().orElse(0);
    }

    /** Judges every assertion on the trace. */
    public List<Verdict> evaluate(TraceView trace) {
        return assertions.stream().map(a -> a.judge(trace)).toList();
    }

    /** Every assertion inconclusive for one reason (the run did not complete: ack timeout, reset failed ...). */
    public List<Verdict> inconclusive(String reason) {
        return assertions.stream().map(a -> new Verdict(a.id(), Verdict.Outcome.INCONCLUSIVE, a.limits(), reason)).toList();
    }

    /**
     * The error a scenario ends with, or null when all passed: an {@link AssertionError} naming every failed id with its
     * message; when none failed, {@value #ERROR_PREFIX} naming the checks that threw (a bug of the bench); else
     * {@code INCONCLUSIVE: ...} when some were inconclusive. The same precedence as the scenario outcome
     * (VerdictLedger.fromVerdicts).
     */
    public static AssertionError failure(List<Verdict> verdicts) {
        List<Verdict> failed = verdicts.stream().filter(v -> v.outcome() == Verdict.Outcome.FAILED).toList();
        List<Verdict> errors = verdicts.stream().filter(v -> v.outcome() == Verdict.Outcome.ERROR).toList();
        List<Verdict> inconclusive = verdicts.stream().filter(v -> v.outcome() == Verdict.Outcome.INCONCLUSIVE).toList();
        if (!failed.isEmpty()) {
            return new AssertionError("failed: " + failed.stream().map(Verdict::id).collect(Collectors.joining(", ")) + "\n"
                    + failed.stream().map(v -> "  " + v.id() + ": " + v.message() + " " + limitsText(v.limits())).collect(Collectors.joining("\n")));
        }
        if (!errors.isEmpty()) {
            return new AssertionError(ERROR_PREFIX + " " + errors.stream().map(Verdict::id).collect(Collectors.joining(", ")) + "\n"
                    + errors.stream().map(v -> "  " + v.id() + ": " + v.message()).collect(Collectors.joining("\n")));
        }
        if (!inconclusive.isEmpty()) {
            return new AssertionError(Inconclusive.PREFIX + " " + inconclusive.stream().map(Verdict::id).collect(Collectors.joining(", ")) + "\n"
                    + inconclusive.stream().map(v -> "  " + v.id() + ": " + v.message()).collect(Collectors.joining("\n")));
        }
        return null;
    }

    static String limitsText(Map<String, Double> limits) {
        return limits.isEmpty() ? "" : "(limits " + new java.util.TreeMap<>(limits) + ")";
    }
}
