package io.hilbench.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether an injected I/O link fault (drop, blackhole, freeze, delay: the fault proxies of DESIGN §6) is active.
 * The proxy side sets it; the step loop reads it. While active the controller cannot Ack, so the loop paces in
 * real time without waiting and resumes the handshake when the link returns (DESIGN §4 item 9).
 *
 * <p>Several faults may overlap (e.g. both protocols blackholed): each {@link #activate} is matched by a
 * {@link #clear} with the same name; the state is active while any is.
 */
public final class LinkFaultState {
    private final List<String> active = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Marks a link fault active, e.g. {@code activate("modbus blackhole")}. */
    public void activate(String name) {
        synchronized (active) {
            active.add(name);
        }
        listeners.forEach(Runnable::run);
    }

    /** Ends one activation of {@code name}; unknown names are ignored. */
    public void clear(String name) {
        synchronized (active) {
            active.remove(name);
        }
        listeners.forEach(Runnable::run);
    }

    public boolean isActive() {
        synchronized (active) {
            return !active.isEmpty();
        }
    }

    /** The active faults' names, for the trace. */
    public List<String> activeFaults() {
        synchronized (active) {
            return List.copyOf(active);
        }
    }

    /** Called (on the setter's thread) after every change; the loop uses it to stop waiting for an Ack. */
    public void addListener(Runnable onChange) { listeners.add(onChange); }

    public void removeListener(Runnable onChange) { listeners.remove(onChange); }
}
