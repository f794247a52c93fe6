package io.hilbench.runtime.link;

/**
 * What the step loop asks of the link faults (DESIGN §4 item 9): while a fault is active the controller cannot be
 * relied on to Ack, so the loop paces in real time without waiting and resumes the handshake when the link
 * returns. Implemented by {@link LinkFaults}; {@link #NONE} for a bench without fault proxies.
 */
public interface LinkStatus {
    LinkStatus NONE = new LinkStatus() {
        @Override
        public LinkFaultState state() {
            return LinkFaultState.NONE;
        }
    };

    /** The current faults, one consistent snapshot. */
    LinkFaultState state();

    /** True while any link fault (DROP, BLACKHOLE, DELAY or FREEZE) is active on any protocol. */
    default boolean faultActive() {
        return state().faultActive();
    }
}
