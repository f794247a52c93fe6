package io.hilbench;

import io.hilbench.controller.Variant;
import io.hilbench.scenario.ExpectedFailures;
import io.hilbench.scenario.Requirements;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expected-failure matrix covers what it must (issue 8 item 4, DESIGN §7): every {@code @certification}
 * requirement that runs by default is caught by at least one known-bad variant, and every variant of the reference
 * controller is in the matrix (a variant no scenario catches proves nothing). {@code SelfTestMatrixTest} then runs
 * exactly those pairs. A {@code @pending} requirement cannot be in the matrix yet: the reference controller does not
 * pass it, so a failed assertion would not tell a variant from the reference.
 */
class SelfTestCoverageTest {
    private static final Pattern REQUIREMENT = Pattern.compile("@([A-Z]{2}-\\d{2})\\b");

    /** Requirement id → whether any of its {@code @certification} scenarios runs by default (not {@code @pending}). */
    static java.util.Map<String, Boolean> certificationRequirements(Path features) throws Exception {
        java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(features)) {
            files = s.filter(p -> p.toString().endsWith(".feature")).toList();
        }
        for (Path f : files) {
            List<String> featureTags = new ArrayList<>();
            List<String> pendingTags = new ArrayList<>();
            boolean inFeature = false;
            for (String raw : Files.readAllLines(f)) {
                String line = raw.strip();
                if (line.startsWith("@")) {
                    pendingTags.addAll(List.of(line.split("\\s+")));
                } else if (line.startsWith("Feature:")) {
                    featureTags.addAll(pendingTags);
                    pendingTags.clear();
                    inFeature = true;
                } else if (inFeature && (line.startsWith("Scenario:") || line.startsWith("Scenario Outline:") || line.startsWith("Example:"))) {
                    Set<String> tags = new TreeSet<>(featureTags);
                    tags.addAll(pendingTags);
                    pendingTags.clear();
                    if (!tags.contains("@certification")) continue;
                    boolean runs = !tags.contains("@pending");
                    for (String t : tags) {
                        Matcher m = REQUIREMENT.matcher(t);
                        if (m.matches()) out.merge(m.group(1), runs, Boolean::logicalOr);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyCertificationRequirementAndEveryVariantIsInTheMatrix() throws Exception {
        Path features = Path.of("features");
        List<ExpectedFailures.Entry> matrix = ExpectedFailures.load(features, Requirements.load(features));
        java.util.Map<String, Boolean> certification = certificationRequirements(features);
        assertThat(certification).as("features/ has @certification scenarios").isNotEmpty();

        Set<String> covered = new TreeSet<>();
        matrix.forEach(e -> covered.add(e.requirement()));
        Set<String> running = new TreeSet<>();
        certification.forEach((id, runs) -> { if (runs) running.add(id); });
        java.util.Map<String, String> notCovered = ExpectedFailures.notCovered(features);
        Set<String> both = new TreeSet<>(covered);
        both.retainAll(notCovered.keySet());
        assertThat(both).as("a requirement declared not coverable must not be in the matrix (remove it from not_covered)").isEmpty();
        Set<String> accounted = new TreeSet<>(covered);
        accounted.addAll(notCovered.keySet());
        assertThat(accounted).as("every @certification requirement that runs by default has a variant that must fail it (features/expected-failures.yaml),"
                + " or a stated reason under not_covered").containsAll(running);

        Set<String> inMatrix = new TreeSet<>();
        matrix.forEach(e -> inMatrix.add(e.variant()));
        // a variant that passes at the nominal plant and is caught only at a rig corner (issue #17 item 3) is in at_corners
        ExpectedFailures.atCorners(features, Requirements.load(features)).forEach(e -> inMatrix.add(e.variant()));
        assertThat(inMatrix).as("every known-bad variant of the reference controller is in the matrix").containsAll(Variant.names());
        assertThat(Variant.names()).as("the matrix names only real variants").containsAll(inMatrix);

        Set<String> pendingOnly = new TreeSet<>(certification.keySet());
        pendingOnly.removeAll(running);
        System.out.println("self-test coverage: " + covered.size() + " requirements caught by " + inMatrix.size() + " variants in " + matrix.size()
                + " pairs; @pending (not coverable until they pass on the reference controller): " + pendingOnly + "; declared not coverable: " + notCovered);
    }

    /**
     * Assertion kinds that are one shared check for every requirement that has one: the preconditions
     * ({@code Preconditions}), in service ({@code ServiceChecks.inService}) and the reported state after a trip
     * ({@code ServiceChecks.trippedUntilReset}; SU-04's state after a stop is its own check, caught on SU-04).
     */
    static final Set<String> SHARED_KINDS = Set.of("reaches-full-load", "settles", "runs", "defrost-starts", "in-service", "state");

    /**
     * Issue 14 item 10: the self-test grows with the assertions. Every assertion of requirements.yaml (of a requirement
     * that runs by default) is caught by a pair of the matrix, or listed under {@code not_covered_assertions:} with the
     * reason; an assertion of a shared kind ({@code <id>.reaches-full-load}, {@code <id>.in-service} ...) counts as caught
     * once any requirement's of that kind is, since it is the same check: a 3-hour DF scenario is not run again to show it. Nothing listed is also caught (a stale entry hides nothing but misleads).
     */
    @Test
    void everyAssertionIsCaughtByAVariantOrListedWithItsReason() throws Exception {
        Path features = Path.of("features");
        Requirements requirements = Requirements.load(features);
        List<ExpectedFailures.Entry> matrix = ExpectedFailures.load(features, requirements);
        java.util.Map<String, String> listed = ExpectedFailures.notCoveredAssertions(features);
        java.util.Map<String, Boolean> certification = certificationRequirements(features);
        Set<String> caught = new TreeSet<>();
        Set<String> caughtKinds = new TreeSet<>();
        for (ExpectedFailures.Entry e : matrix) {
            caught.add(e.assertionId());
            caughtKinds.add(e.assertionId().substring(e.assertionId().indexOf('.') + 1));
        }
        List<String> missing = new ArrayList<>();
        for (var r : certification.entrySet()) {
            if (!r.getValue()) continue;
            for (String id : requirements.get(r.getKey()).assertions().keySet()) {
                String kind = id.substring(id.indexOf('.') + 1);
                boolean viaKind = SHARED_KINDS.contains(kind) && caughtKinds.contains(kind);
                if (!caught.contains(id) && !viaKind && !listed.containsKey(id)) missing.add(id);
            }
        }
        assertThat(missing).as("every assertion is caught by a variant (features/expected-failures.yaml) or listed under not_covered_assertions with its reason").isEmpty();
        Set<String> stale = new TreeSet<>(listed.keySet());
        stale.retainAll(caught);
        assertThat(stale).as("an assertion the matrix catches is not listed as not covered").isEmpty();
        System.out.println("self-test coverage by assertion: " + caught.size() + " caught, precondition kinds " + caughtKinds.stream().filter(SHARED_KINDS::contains).toList()
                + ", " + listed.size() + " listed with a reason");
    }

    @Test
    void theFeatureTagParserSeesFeatureAndScenarioTags(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the coverage check is only as good as its parsing: a pending and a running scenario of the same requirement
        // make it run by default; a scenario without @certification does not count
        Files.writeString(dir.resolve("a.feature"), """
                @domain @XX-01
                Feature: f
                  @certification @pending
                  Scenario: one
                    Given x
                  @certification
                  Scenario: two
                    Given x
                  @YY-02 @pending @certification
                  Scenario: three
                    Given x
                  @ZZ-03
                  Scenario: four
                    Given x
                """);
        assertThat(certificationRequirements(dir)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("XX-01", true, "YY-02", false));
    }
}
