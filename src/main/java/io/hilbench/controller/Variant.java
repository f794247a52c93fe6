package io.hilbench.controller;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Known-bad variants of the reference controller (DESIGN §7): each removes exactly one required behaviour, so the
 * expected-failure matrix can check that the scenario for that behaviour catches it (on its named assertion).
 * The reference controller itself is no variant: it is what runs when none is selected.
 */
public enum Variant {
    /**
     * Starts the lead compressor together with P-271, without waiting for FSL-271 to prove DH flow (and so without
     * the flow-proof timeout's START_REFUSED). Must be caught by {@code SU-01.flow-proof}.
     */
    NO_FLOW_PROOF("no-flow-proof", "noflowpf", "starts the lead compressor together with P-271, without waiting for DH flow proof (FSL-271 clear)");

    private final String cliName;
    private final String shortTag;
    private final String description;

    Variant(String cliName, String shortTag, String description) {
        this.cliName = cliName;
        this.shortTag = shortTag;
        this.description = description;
    }

    /** The name on the command line ({@code --variant no-flow-proof}). */
    public String cliName() { return cliName; }

    /** At most 8 characters, appended to the self-declared firmware version so a variant never poses as the reference. */
    public String shortTag() { return shortTag; }

    public String description() { return description; }

    /** The variant of a command-line name (case-insensitive), or empty. */
    public static Optional<Variant> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.cliName.equals(n)).findFirst();
    }

    /** Every variant's command-line name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Variant::cliName).toList();
    }
}
