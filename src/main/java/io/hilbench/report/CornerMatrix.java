package io.hilbench.report;

import io.hilbench.runtime.TraceNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The corner × requirement matrix of a run (issue #17 item 3): per requirement (rows, in run order) and parameter
 * corner (columns, nominal first, then in run order) the outcome of its units there, the worst when a requirement has
 * several scenarios ({@link RunTotals#outcomeOf}: failed, error, inconclusive, passed). A controller that passes only at
 * the nominal plant shows as a row green in the first column and red beside it. Written by report.html, the handover
 * and the evidence manifest from the same verdicts.
 *
 * @param requirements rows
 * @param corners      columns
 * @param cells        requirement → corner → outcome ("" where the requirement did not run at that corner)
 */
public record CornerMatrix(List<String> requirements, List<String> corners, Map<String, Map<String, String>> cells) {

    /** One unit's outcome: its requirement ("" shows as "(none)"), corner and outcome label. */
    public record Unit(String requirement, String corner, String outcome) {}

    public static CornerMatrix of(List<Unit> units) {
        Set<String> reqs = new LinkedHashSet<>();
        Set<String> corners = new LinkedHashSet<>();
        corners.add(TraceNames.NOMINAL);
        Map<String, Map<String, List<String>>> raw = new LinkedHashMap<>();
        for (Unit u : units) {
            String r = u.requirement().isEmpty() ? "(none)" : u.requirement();
            String c = u.corner() == null || u.corner().isEmpty() ? TraceNames.NOMINAL : u.corner();
            reqs.add(r);
            corners.add(c);
            raw.computeIfAbsent(r, k -> new LinkedHashMap<>()).computeIfAbsent(c, k -> new ArrayList<>()).add(u.outcome());
        }
        boolean nominalRan = units.stream().anyMatch(u -> u.corner() == null || u.corner().isEmpty() || u.corner().equals(TraceNames.NOMINAL));
        if (!nominalRan) corners.remove(TraceNames.NOMINAL);
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        for (String r : reqs) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : corners) {
                List<String> outcomes = raw.getOrDefault(r, Map.of()).get(c);
                row.put(c, outcomes == null ? "" : RunTotals.outcomeOf(outcomes));
            }
            cells.put(r, row);
        }
        return new CornerMatrix(List.copyOf(reqs), List.copyOf(corners), cells);
    }

    /** The matrix of a report folder's verdicts. */
    public static CornerMatrix of(RunData run) {
        List<Unit> units = new ArrayList<>();
        for (RunData.ScenarioData s : run.scenarios()) units.add(new Unit(s.requirement(), s.corner(), s.outcome()));
        return of(units);
    }

    /** True when any unit ran at a corner other than nominal: only then do the pages show the matrix. */
    public boolean hasCorners() {
        return corners.stream().anyMatch(c -> !c.equals(TraceNames.NOMINAL));
    }

    /** The corners where a requirement did not pass (failed, error or inconclusive), in column order. */
    public List<String> notPassedAt(String requirement) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : cells.getOrDefault(requirement, Map.of()).entrySet()) {
            if (!e.getValue().isEmpty() && !e.getValue().equals(RunTotals.PASSED)) out.add(e.getKey());
        }
        return out;
    }
}
