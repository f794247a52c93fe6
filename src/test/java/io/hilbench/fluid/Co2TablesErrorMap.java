package io.hilbench.fluid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Error map of the tables against the exact path on a seeded random (p, h) and (p, s) sample, per region.
 * Used by {@link Co2TablesTest} and, with more samples, to write the table in
 * plant-models/co2-properties/README.md:
 * {@code java -cp target/test-classes:target/classes io.hilbench.fluid.Co2TablesErrorMap 200000}.
 */
final class Co2TablesErrorMap {

    /** Regions of the error map. */
    enum Region {
        LIQUID("liquid (p < p_c)"),
        VAPOR("vapour (p < p_c)"),
        TWO_PHASE("two-phase"),
        SUPERCRITICAL("supercritical, > 1 K from the pseudo-critical line"),
        PSEUDO_CRITICAL("supercritical, within 1 K of the pseudo-critical line, p > 1.1 p_c"),
        NEAR_CRITICAL("near-critical: 0.95 p_c < p < 1.1 p_c and |T - T_c| < 5 K, or |T - T_pc| < 1 K below 1.1 p_c");

        final String label;

        Region(String label) {
            this.label = label;
        }
    }

    /** Errors of one quantity: relative (rho, h, s, cp, w) or absolute in K (T). */
    static final class Stat {
        final List<Double> values = new ArrayList<>();

        void add(double v) {
            values.add(v);
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        double p99() {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            return a[(int) Math.min(a.length - 1, Math.floor(0.99 * a.length))];
        }
    }

    static final class RegionStats {
        int count;
        final Stat temperatureK = new Stat();
        final Stat density = new Stat();
        final Stat entropy = new Stat();
        final Stat cp = new Stat();
        final Stat w = new Stat();
        final Stat enthalpyFromEntropy = new Stat();
        final Stat temperatureFromEntropyK = new Stat();
    }

    private final SpanWagnerCo2 exact = new SpanWagnerCo2();
    private final Co2Tables tables;
    private final double[] pseudoPressurePa;
    private final double[] pseudoTemperatureK;

    Co2TablesErrorMap(Co2Tables tables) {
        this.tables = tables;
        // pseudo-critical line: T of maximum c_p on isobars from p_c to p_max (golden-section search)
        int n = 64;
        pseudoPressurePa = new double[n];
        pseudoTemperatureK = new double[n];
        for (int i = 0; i < n; i++) {
            double p = SpanWagnerCo2.CRITICAL_PRESSURE_PA * 1.0005
                    + (tables.maxPressurePa() - SpanWagnerCo2.CRITICAL_PRESSURE_PA * 1.0005) * i / (n - 1);
            pseudoPressurePa[i] = p;
            pseudoTemperatureK[i] = maxCpTemperature(p);
        }
    }

    private double maxCpTemperature(double p) {
        double a = SpanWagnerCo2.CRITICAL_TEMPERATURE_K;
        double b = SpanWagnerCo2.CRITICAL_TEMPERATURE_K + 80.0;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int k = 0; k < 60; k++) {
            double c = b - g * (b - a);
            double d = a + g * (b - a);
            if (exact.stateFromPressureTemperature(p, c).cpJPerKgK() > exact.stateFromPressureTemperature(p, d).cpJPerKgK()) {
                b = d;
            } else {
                a = c;
            }
        }
        return 0.5 * (a + b);
    }

    double pseudoCriticalTemperatureK(double p) {
        if (p <= pseudoPressurePa[0]) {
            return pseudoTemperatureK[0];
        }
        for (int i = 1; i < pseudoPressurePa.length; i++) {
            if (p <= pseudoPressurePa[i]) {
                double f = (p - pseudoPressurePa[i - 1]) / (pseudoPressurePa[i] - pseudoPressurePa[i - 1]);
                return pseudoTemperatureK[i - 1] + f * (pseudoTemperatureK[i] - pseudoTemperatureK[i - 1]);
            }
        }
        return pseudoTemperatureK[pseudoTemperatureK.length - 1];
    }

    Region classify(Co2State s) {
        double p = s.pressurePa();
        double t = s.temperatureK();
        double pc = SpanWagnerCo2.CRITICAL_PRESSURE_PA;
        boolean nearCriticalBox = p > 0.95 * pc && p < 1.1 * pc
                && Math.abs(t - SpanWagnerCo2.CRITICAL_TEMPERATURE_K) < 5.0;
        if (s.phase() == Co2Phase.TWO_PHASE) {
            return nearCriticalBox ? Region.NEAR_CRITICAL : Region.TWO_PHASE;
        }
        if (nearCriticalBox) {
            return Region.NEAR_CRITICAL;
        }
        if (p >= pc) {
            boolean pseudo = Math.abs(t - pseudoCriticalTemperatureK(p)) < 1.0;
            if (pseudo) {
                return p > 1.1 * pc ? Region.PSEUDO_CRITICAL : Region.NEAR_CRITICAL;
            }
            return Region.SUPERCRITICAL;
        }
        return s.phase() == Co2Phase.LIQUID ? Region.LIQUID : Region.VAPOR;
    }

    /** Samples {@code samples} random (p, h) points (seeded) and compares both table families with the EOS. */
    Map<Region, RegionStats> compute(int samples, long seed) {
        Map<Region, RegionStats> map = new EnumMap<>(Region.class);
        for (Region r : Region.values()) {
            map.put(r, new RegionStats());
        }
        Random random = new Random(seed);
        double pc = SpanWagnerCo2.CRITICAL_PRESSURE_PA;
        double tc = SpanWagnerCo2.CRITICAL_TEMPERATURE_K;
        for (int k = 0; k < samples; k++) {
            // 80 % uniform over the whole (p, h) domain, 10 % in the near-critical box, 10 % on the
            // pseudo-critical band (T_pc +- 1 K above 1.1 p_c), so that the small regions get enough samples
            int mode = k % 10;
            double p;
            double h;
            if (mode == 8) {
                p = pc * (0.95 + 0.15 * random.nextDouble());
                double t = tc - 5.0 + 10.0 * random.nextDouble();
                h = exact.stateFromPressureTemperature(p, t).enthalpyJPerKg()
                        + (random.nextDouble() - 0.5) * 2000.0; // also lands inside the dome below p_c
            } else if (mode == 9) {
                p = 1.1 * pc + random.nextDouble() * (tables.maxPressurePa() - 1.1 * pc);
                double t = pseudoCriticalTemperatureK(p) - 1.0 + 2.0 * random.nextDouble();
                h = exact.stateFromPressureTemperature(p, t).enthalpyJPerKg();
            } else {
                p = tables.minPressurePa() + random.nextDouble() * (tables.maxPressurePa() - tables.minPressurePa());
                double tLow = tables.minTemperatureK(p);
                double hLo = exact.stateFromPressureTemperature(p, tLow).enthalpyJPerKg();
                double hHi = exact.stateFromPressureTemperature(p, tables.parameters().maxTemperatureK()).enthalpyJPerKg();
                h = hLo + random.nextDouble() * (hHi - hLo);
            }
            Co2State e = exact.stateFromPressureEnthalpy(p, h);
            Co2State a = tables.stateFromPressureEnthalpy(p, h);
            RegionStats r = map.get(classify(e));
            r.count++;
            r.temperatureK.add(Math.abs(a.temperatureK() - e.temperatureK()));
            r.density.add(Math.abs(a.densityKgPerM3() / e.densityKgPerM3() - 1));
            r.entropy.add(Math.abs(a.entropyJPerKgK() / e.entropyJPerKgK() - 1));
            if (!e.isTwoPhase()) {
                r.cp.add(Math.abs(a.cpJPerKgK() / e.cpJPerKgK() - 1));
                r.w.add(Math.abs(a.speedOfSoundMPerS() / e.speedOfSoundMPerS() - 1));
            }
            // the (p, s) family at the entropy of the same state
            double hFromS = tables.enthalpyFromPressureEntropy(p, e.entropyJPerKgK());
            r.enthalpyFromEntropy.add(Math.abs(hFromS / h - 1));
            r.temperatureFromEntropyK.add(Math.abs(tables.temperatureFromPressureEntropy(p, e.entropyJPerKgK())
                    - e.temperatureK()));
        }
        return map;
    }

    static String markdown(Map<Region, RegionStats> map) {
        StringBuilder b = new StringBuilder();
        b.append("| region | n | T max / p99 [K] | rho max / p99 [%] | s max / p99 [%] | h(p,s) max / p99 [%] "
                + "| T(p,s) max [K] | cp max / p99 [%] | w max / p99 [%] |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<Region, RegionStats> en : map.entrySet()) {
            RegionStats r = en.getValue();
            b.append(String.format(java.util.Locale.ROOT,
                    "| %s | %d | %.4f / %.4f | %.4f / %.4f | %.4f / %.4f | %.4f / %.4f | %.4f | %.2f / %.2f | %.2f / %.2f |%n",
                    en.getKey().label, r.count, r.temperatureK.max(), r.temperatureK.p99(),
                    100 * r.density.max(), 100 * r.density.p99(), 100 * r.entropy.max(), 100 * r.entropy.p99(),
                    100 * r.enthalpyFromEntropy.max(), 100 * r.enthalpyFromEntropy.p99(),
                    r.temperatureFromEntropyK.max(), 100 * r.cp.max(), 100 * r.cp.p99(), 100 * r.w.max(), 100 * r.w.p99()));
        }
        return b.toString();
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && args[0].equals("cold")) {
            // start-up cost in a fresh JVM: one build, then a cache write and a cache read
            long t0 = System.nanoTime();
            Co2Tables built = Co2Tables.build(Co2TableParameters.plantDefault());
            long t1 = System.nanoTime();
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("co2-cache");
            Co2Tables.loadOrBuild(Co2TableParameters.plantDefault(), dir); // builds again and writes the file
            long t2 = System.nanoTime();
            Co2Tables loaded = Co2Tables.loadOrBuild(Co2TableParameters.plantDefault(), dir);
            long t3 = System.nanoTime();
            System.out.printf("cold build %.3f s, build+write %.3f s, cache load %.3f s (same result: %s)%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                    loaded.temperatureFromPressureEnthalpy(1e7, 4e5) == built.temperatureFromPressureEnthalpy(1e7, 4e5));
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(dir);
            return;
        }
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        Co2TableParameters params = Co2TableParameters.plantDefault();
        if (args.length > 1) {
            String[] n = args[1].split(",");
            params = new Co2TableParameters(params.lowestSaturationTemperatureK(), params.lowestTemperatureK(),
                    params.maxTemperatureK(), params.maxPressurePa(), Integer.parseInt(n[0]), Integer.parseInt(n[1]),
                    Integer.parseInt(n[2]), Integer.parseInt(n[3]), Integer.parseInt(n[4]), Integer.parseInt(n[5]));
        }
        for (int warm = 0; warm < 2; warm++) {
            Co2Tables.build(params); // warm up the JIT so the reported build time is the steady one
        }
        long t0 = System.nanoTime();
        Co2Tables tables = Co2Tables.build(params);
        long t1 = System.nanoTime();
        System.out.printf("build %.3f s%n", (t1 - t0) / 1e9);
        Co2TablesErrorMap m = new Co2TablesErrorMap(tables);
        System.out.print(markdown(m.compute(samples, 20260428L)));
    }
}
