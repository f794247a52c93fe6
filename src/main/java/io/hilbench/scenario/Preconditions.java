package io.hilbench.scenario;

import io.hilbench.scenario.Timeline.Kind;
import io.hilbench.scenario.judge.DefrostSignals;
import io.hilbench.scenario.judge.Judgement;
import io.hilbench.scenario.judge.ServiceChecks;
import io.hilbench.scenario.judge.TraceAssertions;
import io.hilbench.scenario.judge.TraceView;

import java.util.Map;
import java.util.function.Function;

/**
 * The initial conditions a scenario drives the controller into ("the heat pump is running at full load", "… has settled
 * at its supply setpoint", "… is running", "section 2 starts to defrost") as named assertions of the scenario's
 * requirement (DESIGN §8: the controller's own failure to reach a state is FAILED, not INCONCLUSIVE): e.g.
 * {@code HP-03.reaches-full-load}, {@code LD-01.settles}, {@code DF-03.defrost-starts}. Each has its budget in
 * requirements.yaml and is judged on the trace like every other assertion (and re-judged from it), counted from the
 * last start command (from the step that began waiting, for a defrost). When a precondition is not reached with the
 * bench and the link healthy, the scenario ends there, FAILED on that assertion; a bench or link fault stays INCONCLUSIVE.
 */
public final class Preconditions extends ProtectionRequirements.Base {
    /**
     * Full load (not a requirement limit, the meaning of the Gherkin): every compressor at 90 % of the VFD maximum of
     * 70 Hz (DESIGN §5) or more, or every one turning with the heat to the DH water at the site's rated 1.2 MW (with a
     * warmer source than the design air the heat pump delivers its rating below full speed).
     */
    public static final double FULL_LOAD_MIN_HZ = 63;
    public static final double FULL_LOAD_RATED_HEAT_W = 1.2e6;

    public Preconditions(ProtectionRequirements.Context c, String requirementId) { super(c, requirementId); }

    /** One precondition: its assertion id, the plant-time budget (ms) and the trace check. */
    public record Registered(String id, long fromMs, long budgetMs, Function<TraceView, Judgement> check) {}

    private Registered register(String suffix, Map<String, Double> limits, long fromMs, long budgetMs, Function<TraceView, Judgement> check) {
        // the window end is where it began: reaching it early must not lengthen the scenario, and not reaching it runs the plant to the budget anyway
        register(suffix, limits, fromMs, check);
        return new Registered(req.id() + "." + suffix, fromMs, budgetMs, check);
    }

    /** {@code <id>.reaches-full-load}: full load within full_load_within_min of the start command. */
    public Registered fullLoad() {
        long from = start("full load");
        long budget = minutes(limit("full_load_within_min"));
        return register("reaches-full-load", limits("full_load_within_min"), from, budget,
                t -> TraceAssertions.within(t, ServiceChecks.fullLoad(t, s, FULL_LOAD_MIN_HZ, FULL_LOAD_RATED_HEAT_W), from, budget));
    }

    /** {@code <id>.runs}: the controller Running with a compressor turning within running_within_min of the start command. */
    public Registered running() {
        long from = start("running");
        long budget = minutes(limit("running_within_min"));
        return register("runs", limits("running_within_min"), from, budget, t -> TraceAssertions.within(t, ServiceChecks.running(t, s), from, budget));
    }

    /** {@code <id>.settles}: TT-272 within ±settled_band_k of the set-point within settled_within_min of the start command. */
    public Registered settled() {
        long from = start("settled at the set-point");
        double setK = DefrostAndSourceRequirements.setpointAt(tl, from);
        double band = limit("settled_band_k");
        long budget = minutes(limit("settled_within_min"));
        return register("settles", limits("settled_within_min", "settled_band_k"), from, budget,
                t -> TraceAssertions.within(t, ServiceChecks.supplyWithin(t, s, setK, band), from, budget));
    }

    /** {@code <id>.defrost-starts}: the section defrosting within defrost_starts_within_min of the step that began waiting for it. */
    public Registered defrostStarts(DefrostSignals d, int section) {
        long from = tl.require(tl.last(Kind.WAIT), "wait for a defrost ('section N starts to defrost')").plantTimeMs();
        DefrostSignals.Section sec = d.sections().stream().filter(x -> x.name().equals("section " + section)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the rig has no air section " + section));
        long budget = minutes(limit("defrost_starts_within_min"));
        return register("defrost-starts", limits("defrost_starts_within_min"), from, budget, t -> TraceAssertions.within(t,
                new TraceAssertions.Condition(sec.name() + " defrosting", r -> DefrostSignals.defrosting(t, sec, r), r -> DefrostSignals.sectionText(t, sec, r)
                        + ", " + s.stateText(t, r)), from, budget));
    }
}
