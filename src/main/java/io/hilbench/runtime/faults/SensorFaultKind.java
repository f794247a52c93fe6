package io.hilbench.runtime.faults;

import io.hilbench.runtime.Quality;

import java.util.SplittableRandom;

/**
 * What a faulty sensor does to the value it transmits (DESIGN §3 step 3). Values are in the plant output's SI
 * unit (Pa, K, ...); the scenario layer converts "120 bar" before it gets here.
 *
 * <p>Quality: a stuck, offset, drifting or noisy sensor still looks healthy to the controller (GOOD; catching it
 * is the controller's job, as in DF-03); an out-of-range value is UNCERTAIN (still transmitting, outside its
 * span, like an OPC UA Uncertain_EngineeringUnitsExceeded); bad quality is BAD (broken wire, NE43 failure
 * current: Modbus shows the point's bad_value, OPC UA a Bad status).
 */
public sealed interface SensorFaultKind {

    /**
     * The published value and quality at {@code elapsedS} seconds of plant time after the fault started.
     *
     * @param trueValue  the plant's true value now
     * @param startValue the true value at the fault's first step
     * @param random     the fault's own generator, seeded from the run seed
     */
    double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random);

    default Quality quality() { return Quality.GOOD; }

    /** Holds the value at the fault's start ({@code value} NaN) or a given value. */
    record Stuck(double value) implements SensorFaultKind {
        public static Stuck atStartValue() { return new Stuck(Double.NaN); }

        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            return Double.isNaN(value) ? startValue : value;
        }
    }

    /** Adds a constant offset. */
    record Offset(double offset) implements SensorFaultKind {
        public Offset {
            if (!Double.isFinite(offset)) throw new IllegalArgumentException("offset must be finite, was " + offset);
        }

        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            return trueValue + offset;
        }
    }

    /** Adds an error growing by {@code ratePerS} per second of plant time since the fault started. */
    record Drift(double ratePerS) implements SensorFaultKind {
        public Drift {
            if (!Double.isFinite(ratePerS)) throw new IllegalArgumentException("drift rate must be finite, was " + ratePerS);
        }

        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            return trueValue + ratePerS * elapsedS;
        }
    }

    /** Adds zero-mean Gaussian noise of standard deviation {@code sigma}, drawn from the fault's seeded generator. */
    record Noise(double sigma) implements SensorFaultKind {
        public Noise {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("noise sigma must be finite and >= 0, was " + sigma);
        }

        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            return trueValue + sigma * random.nextGaussian();
        }
    }

    /**
     * A sensor within its accuracy class (a parameter corner's sensor errors, issue #17 item 3): reads
     * truth + offset·band + noise·band·g, band the class's half-width at the reading ({@code bandSi}, in SI units of
     * the output), g a standard normal draw from the fault's seeded generator (none drawn when {@code noise} is 0).
     *
     * @param label  for events: the tag and its class, e.g. "PT-202 0.5%span"
     * @param bandSi the band in SI at a true SI value
     */
    record WithinAccuracy(String label, java.util.function.DoubleUnaryOperator bandSi, double offset, double noise) implements SensorFaultKind {
        public WithinAccuracy {
            if (!Double.isFinite(offset) || !(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("offset and noise must be finite, noise >= 0, were " + offset + ", " + noise);
            }
        }

        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            double band = bandSi.applyAsDouble(trueValue);
            double out = trueValue + offset * band;
            if (noise > 0) out += noise * band * random.nextGaussian();
            return out;
        }

        @Override
        public String toString() {
            return "within accuracy " + label + ": offset " + offset + ", noise " + noise + " x class";
        }
    }

    /** Transmits a fixed value beyond the sensor's span (the scenario layer picks it from the point's range). */
    record OutOfRange(double value) implements SensorFaultKind {
        public OutOfRange {
            if (Double.isNaN(value)) throw new IllegalArgumentException("out-of-range value must be a number");
        }

        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            return value;
        }

        @Override
        public Quality quality() { return Quality.UNCERTAIN; }
    }

    /** Bad quality: the value stays the true one, the quality says it must not be used. */
    record BadQuality() implements SensorFaultKind {
        public double apply(double trueValue, double startValue, double elapsedS, SplittableRandom random) {
            return trueValue;
        }

        @Override
        public Quality quality() { return Quality.BAD; }
    }
}
