package io.hilbench.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SoakSampler} driven by made-up figures: no clock, no bench. */
class SoakSamplerTest {
    /** A fake bench: each {@link #advance} publishes {@code steps} steps of 100 ms with the given lateness each. */
    static final class FakeProbe implements SoakSampler.Probe {
        long step;
        long rows;
        long heap = 50L << 20;
        int threads = 30;
        long fds = 40;
        long notifications;
        final List<long[]> lateness = new ArrayList<>(); // {step, ns}

        void advance(int steps, long latenessNs, int rowsMissing) {
            for (int i = 0; i < steps; i++) {
                step++;
                lateness.add(new long[] {step, latenessNs});
            }
            rows += steps - rowsMissing;
            notifications += 171;
        }

        @Override public long plantTimeMs() { return step * 100; }
        @Override public long step() { return step; }
        @Override public long heapAfterGcBytes() { return heap; }
        @Override public int threads() { return threads; }
        @Override public long openFileDescriptors() { return fds; }
        @Override public long[] latenessAfterStep(long after) {
            return lateness.stream().filter(l -> l[0] > after).mapToLong(l -> l[1]).toArray();
        }
        @Override public long traceRowsTotal() { return rows; }
        @Override public long scadaNotifications() { return notifications; }
    }

    @Test
    void samplesEveryFigureAndTheLatenessOfTheStepsSinceThePreviousSampleOnly() {
        FakeProbe p = new FakeProbe();
        SoakSampler s = new SoakSampler(p);
        SoakSampler.Sample first = s.sample(0);
        assertThat(first.latenessSteps()).isZero();
        // 600 steps, 594 on time (0.1 ms) and 6 late (5 ms): the 99th percentile by nearest rank is the 594th value
        p.advance(594, 100_000, 0);
        p.advance(6, 5_000_000, 0);
        SoakSampler.Sample second = s.sample(60_000);
        assertThat(second.latenessSteps()).isEqualTo(600);
        assertThat(second.latenessP99Ms()).isEqualTo(0.1);
        p.advance(600, 2_000_000, 0);
        SoakSampler.Sample third = s.sample(120_000);
        // only the last minute's steps: the earlier late ones are not counted again
        assertThat(third.latenessSteps()).isEqualTo(600);
        assertThat(third.latenessP99Ms()).isEqualTo(2.0);
        assertThat(third.plantTimeMs()).isEqualTo(120_000);
        assertThat(third.heapAfterGcBytes()).isEqualTo(50L << 20);
        assertThat(third.threads()).isEqualTo(30);
        assertThat(third.openFileDescriptors()).isEqualTo(40);
        assertThat(third.scadaNotifications()).isEqualTo(3 * 171);
        assertThat(third.lostTraceRows()).isZero();
        assertThat(third.csv().split(",")).hasSize(SoakSampler.Sample.CSV_HEADER.split(",").length);
    }

    @Test
    void aStepWithoutItsTraceRowCountsAsLost() {
        FakeProbe p = new FakeProbe();
        SoakSampler s = new SoakSampler(p);
        s.sample(0);
        p.advance(600, 0, 0);
        s.sample(1);
        p.advance(600, 0, 2);
        assertThat(s.sample(2).lostTraceRows()).isEqualTo(2);
    }

    @Test
    void flatFiguresPassAndAGrowingHeapOrLostRowFails() {
        FakeProbe p = new FakeProbe();
        SoakSampler flat = new SoakSampler(p);
        for (int i = 0; i < 20; i++) {
            p.heap = (50L << 20) + (i % 2) * (1L << 20); // ±1 MB noise around 50 MB: 2 %
            flat.sample(i);
            p.advance(600, 300_000, 0);
        }
        SoakSampler.Summary ok = SoakSampler.summarize(flat.samples(), 2, 0.05);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.samples()).isEqualTo(18);

        FakeProbe q = new FakeProbe();
        SoakSampler leaking = new SoakSampler(q);
        for (int i = 0; i < 20; i++) {
            q.heap = (50L << 20) + i * (1L << 20); // +1 MB a sample
            leaking.sample(i);
            q.advance(600, 300_000, i == 10 ? 1 : 0);
        }
        SoakSampler.Summary bad = SoakSampler.summarize(leaking.samples(), 2, 0.05);
        assertThat(bad.flat()).isFalse();
        assertThat(bad.trends()).filteredOn(t -> t.name().startsWith("heap")).singleElement().matches(t -> !t.flat());
        assertThat(bad.trends()).filteredOn(t -> t.name().equals("threads")).singleElement().matches(SoakSampler.Trend::flat);
        assertThat(bad.lostTraceRows()).isEqualTo(1);
        assertThat(bad.passed()).isFalse();
    }

    @Test
    void latenessBelowTheNoiseFloorIsFlatAndTooFewSamplesAreRefused() {
        FakeProbe p = new FakeProbe();
        SoakSampler s = new SoakSampler(p);
        for (int i = 0; i < 8; i++) {
            s.sample(i);
            p.advance(600, i < 4 ? 100_000 : 300_000, 0); // 0.1 -> 0.3 ms: +200 % but 0.2 ms
        }
        SoakSampler.Summary sum = SoakSampler.summarize(s.samples(), 0, 0.05);
        assertThat(sum.trends()).filteredOn(t -> t.name().startsWith("lateness")).singleElement().matches(SoakSampler.Trend::flat);
        assertThatThrownBy(() -> SoakSampler.summarize(s.samples(), 6, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }
}
