package io.hilbench.runtime;

/**
 * One step's published plant outputs, as the controller may see them: true values with sensor faults applied
 * on the way out (DESIGN §3 step 3). Indices are those of the plant's {@code SignalCatalogue} outputs.
 * Implementations are immutable: a frame crosses threads.
 */
public interface SignalFrame {
    /** Plant step number N of DESIGN §4 (BENCH.Step). */
    long step();

    /** Plant time in ms since the start of the run (BENCH.PlantTimeMs). */
    long plantTimeMs();

    /** Output value in the plant's SI units. */
    double value(int outputIndex);

    Quality quality(int outputIndex);
}
