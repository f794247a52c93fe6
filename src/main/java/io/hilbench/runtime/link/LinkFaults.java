package io.hilbench.runtime.link;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The link faults of one bench: the {@link FaultProxy} of each protocol, the fault now on each, and the freeze
 * listeners. The fault schedule injects and clears through it at plant-time boundaries (it has no timer, since
 * fault durations count plant time, DESIGN §4 item 9); the step loop reads it as a {@link LinkStatus}.
 *
 * <p>Does not start or stop the proxies: they are lifecycles of their own, wired in after the server each fronts
 * and stopped before it. Injecting and clearing are serialised; {@link #state()} may be read from any thread.
 */
public final class LinkFaults implements LinkStatus {
    private final Map<LinkProtocol, FaultProxy> proxies;
    private final List<FreezeListener> freezeListeners = new CopyOnWriteArrayList<>();
    private volatile LinkFaultState state = LinkFaultState.NONE;

    /** @param proxies the proxy in front of each protocol this bench serves (at least one) */
    public LinkFaults(Map<LinkProtocol, FaultProxy> proxies) {
        Objects.requireNonNull(proxies, "proxies");
        if (proxies.isEmpty()) {
            throw new IllegalArgumentException("LinkFaults needs the proxy of at least one protocol; use LinkStatus.NONE for a bench without");
        }
        proxies.forEach((protocol, proxy) -> Objects.requireNonNull(proxy, "proxy for " + protocol));
        this.proxies = Collections.unmodifiableMap(new EnumMap<>(proxies));
    }

    /** Registers a listener told when a FREEZE starts or ends on a protocol (the wiring freezes the point table). */
    public void onFreeze(FreezeListener listener) {
        freezeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Applies a fault to one protocol's link now, replacing the fault it had.
     *
     * @param delayMs one-way latency for {@link LinkFault#DELAY} (1..600000), 0 for every other kind
     * @throws IllegalArgumentException for a protocol this bench does not serve, or a bad kind/delay combination
     */
    public synchronized void inject(LinkProtocol protocol, LinkFault kind, long delayMs) {
        ActiveLinkFault fault = new ActiveLinkFault(kind, delayMs);
        FaultProxy proxy = proxy(protocol);
        change(() -> proxy.apply(fault.kind(), fault.delayMs()));
    }

    /** Applies a fault without a delay (DROP, BLACKHOLE, FREEZE) to one protocol's link. */
    public void inject(LinkProtocol protocol, LinkFault kind) {
        inject(protocol, kind, 0);
    }

    /** Applies a fault to the links of every protocol this bench serves. */
    public synchronized void injectAll(LinkFault kind, long delayMs) {
        ActiveLinkFault fault = new ActiveLinkFault(kind, delayMs);
        change(() -> proxies.values().forEach(proxy -> proxy.apply(fault.kind(), fault.delayMs())));
    }

    /** Ends the fault on one protocol's link, if it has one. */
    public synchronized void clear(LinkProtocol protocol) {
        FaultProxy proxy = proxy(protocol);
        change(proxy::clear);
    }

    /** Ends the faults on every link. */
    public synchronized void clearAll() {
        change(() -> proxies.values().forEach(FaultProxy::clear));
    }

    /** The proxy in front of a protocol. */
    public FaultProxy proxy(LinkProtocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        FaultProxy proxy = proxies.get(protocol);
        if (proxy == null) {
            throw new IllegalArgumentException("this bench has no " + protocol + " link; it serves " + proxies.keySet());
        }
        return proxy;
    }

    public Set<LinkProtocol> protocols() {
        return proxies.keySet();
    }

    @Override
    public LinkFaultState state() {
        return state;
    }

    /**
     * Runs a change on the proxies, then publishes the state they are actually in (also when the change failed
     * half way, e.g. a proxy could not listen again after a DROP) and tells the freeze listeners what changed.
     */
    private void change(Runnable onProxies) {
        LinkFaultState before = state;
        try {
            onProxies.run();
        } finally {
            Map<LinkProtocol, ActiveLinkFault> now = new EnumMap<>(LinkProtocol.class);
            proxies.forEach((protocol, proxy) -> proxy.fault().ifPresent(f -> now.put(protocol, f)));
            LinkFaultState after = new LinkFaultState(now);
            state = after;
            notifyFreezes(before, after);
        }
    }

    private void notifyFreezes(LinkFaultState before, LinkFaultState after) {
        for (LinkProtocol protocol : proxies.keySet()) {
            boolean was = isFreeze(before, protocol);
            boolean is = isFreeze(after, protocol);
            if (was != is) {
                for (FreezeListener listener : freezeListeners) {
                    listener.freezeChanged(protocol, is);
                }
            }
        }
    }

    private static boolean isFreeze(LinkFaultState s, LinkProtocol protocol) {
        return s.on(protocol).map(f -> f.kind() == LinkFault.FREEZE).orElse(false);
    }
}
