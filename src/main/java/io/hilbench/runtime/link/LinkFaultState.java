package io.hilbench.runtime.link;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which link faults are active, per protocol: an immutable snapshot, so it crosses threads freely (the step loop
 * reads it, the fault schedule replaces it, the recorder writes it to the trace).
 *
 * @param active the fault on each protocol that has one; protocols without a fault are absent
 */
public record LinkFaultState(Map<LinkProtocol, ActiveLinkFault> active) {
    public static final LinkFaultState NONE = new LinkFaultState(Map.of());

    public LinkFaultState {
        active = active.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(active));
    }

    /** True while any link fault (of any kind, DELAY and FREEZE included) is active on any protocol. */
    public boolean faultActive() {
        return !active.isEmpty();
    }

    public Optional<ActiveLinkFault> on(LinkProtocol protocol) {
        return Optional.ofNullable(active.get(protocol));
    }
}
