package io.hilbench.runtime.link;

/**
 * Told when a {@link LinkFault#FREEZE} starts or ends on a protocol, so the wiring can make the point table serve
 * that protocol a stale snapshot (the proxy itself passes the traffic through unchanged). Called on the thread
 * that injects or clears the fault, after the fault state has changed; an exception propagates to that caller.
 */
@FunctionalInterface
public interface FreezeListener {
    void freezeChanged(LinkProtocol protocol, boolean frozen);
}
