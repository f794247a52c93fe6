package io.hilbench.controller;

import java.io.IOException;

/**
 * A plant I/O request that failed. {@link #linkLost()} says whether the link itself is gone (reconnect with
 * backoff) or the plant answered with a refusal (a Modbus exception, a rejected write: the link is fine, the map
 * and the plant disagree).
 */
public final class ControllerIoException extends IOException {
    private final boolean linkLost;

    public ControllerIoException(String message, boolean linkLost, Throwable cause) {
        super(message, cause);
        this.linkLost = linkLost;
    }

    public boolean linkLost() { return linkLost; }
}
