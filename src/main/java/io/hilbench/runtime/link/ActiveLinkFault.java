package io.hilbench.runtime.link;

import java.util.Objects;

/**
 * One link fault as applied: its kind and, for {@link LinkFault#DELAY} only, the latency added to each chunk in
 * each direction (so a request/response round trip grows by twice {@code delayMs}).
 *
 * @param kind    the fault
 * @param delayMs one-way latency in milliseconds, 1..{@value #MAX_DELAY_MS} for DELAY, 0 for every other kind
 */
public record ActiveLinkFault(LinkFault kind, long delayMs) {
    /** Ten minutes: longer than any controller timeout; beyond it a delay is a blackhole. */
    public static final long MAX_DELAY_MS = 600_000;

    public ActiveLinkFault {
        Objects.requireNonNull(kind, "kind");
        if (kind == LinkFault.DELAY) {
            if (delayMs < 1 || delayMs > MAX_DELAY_MS) {
                throw new IllegalArgumentException("delayMs must be in 1.." + MAX_DELAY_MS + " for a delay fault, was " + delayMs);
            }
        } else if (delayMs != 0) {
            throw new IllegalArgumentException("delayMs applies to delay faults only; " + kind + " was given " + delayMs);
        }
    }

    /** A fault without a delay (DROP, BLACKHOLE, FREEZE). */
    public static ActiveLinkFault of(LinkFault kind) {
        return new ActiveLinkFault(kind, 0);
    }
}
