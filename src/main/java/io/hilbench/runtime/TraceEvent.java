package io.hilbench.runtime;

/** Something worth a line in the trace: a fault start or end, a trip and its reason, a clamped write, a scenario action. */
public record TraceEvent(long step, long plantTimeMs, String text) {}
