package io.hilbench.plant.weather;

import io.hilbench.Units;
import io.hilbench.plant.Require;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A weather time series: air temperature, relative humidity, global and diffuse irradiance on the horizontal, at
 * increasing times of the year (seconds since 1 January 00:00 local standard time), repeating with a period (a day
 * for a design day, 365 days for a year). Values between samples are interpolated linearly, also across the wrap.
 * SI inside; the CSV speaks °C and % (units at the edge).
 *
 * <p>CSV (plain JDK reading: {@code plant} may not use a CSV library): lines starting with {@code #} are comments
 * (provenance), except {@code # periodS: <seconds>} which sets the period (default: one day); then the header
 * {@code timeS,airTemperatureDegC,relativeHumidityPercent,globalHorizontalWPerM2,diffuseHorizontalWPerM2} and one row per
 * sample. An error names the line and the field.
 */
public final class WeatherSeries {
    public static final String HEADER = "timeS,airTemperatureDegC,relativeHumidityPercent,globalHorizontalWPerM2,diffuseHorizontalWPerM2";

    private final String name;
    private final double periodS;
    private final double[] timeS;
    private final double[] airK;
    private final double[] rhRatio;
    private final double[] globalWPerM2;
    private final double[] diffuseWPerM2;

    /**
     * @param name          what the series is (for messages and provenance)
     * @param periodS       the series repeats after this (≥ the span of the times)
     * @param timeS         sample times, s since 1 January 00:00, strictly increasing
     * @param airK          air temperature, K
     * @param rhRatio       relative humidity, 0–1
     * @param globalWPerM2  global horizontal irradiance, W/m²
     * @param diffuseWPerM2 diffuse horizontal irradiance, W/m² (≤ global)
     */
    public WeatherSeries(String name, double periodS, double[] timeS, double[] airK, double[] rhRatio, double[] globalWPerM2, double[] diffuseWPerM2) {
        int n = timeS.length;
        if (n < 1) throw new IllegalArgumentException(name + ": a weather series needs at least one sample");
        if (airK.length != n || rhRatio.length != n || globalWPerM2.length != n || diffuseWPerM2.length != n) {
            throw new IllegalArgumentException(name + ": columns of different lengths");
        }
        Require.positive("periodS", periodS);
        for (int i = 0; i < n; i++) {
            if (i > 0 && !(timeS[i] > timeS[i - 1])) throw new IllegalArgumentException(name + ": sample " + i + " time " + timeS[i] + " s is not after " + timeS[i - 1] + " s");
            Require.within(name + " sample " + i + " airK", airK[i], 173.15, 343.15);
            Require.ratio(name + " sample " + i + " rhRatio", rhRatio[i]);
            Require.within(name + " sample " + i + " globalWPerM2", globalWPerM2[i], 0, 1500);
            Require.within(name + " sample " + i + " diffuseWPerM2", diffuseWPerM2[i], 0, globalWPerM2[i] + 1e-9);
        }
        if (timeS[n - 1] - timeS[0] >= periodS) throw new IllegalArgumentException(name + ": the samples span " + (timeS[n - 1] - timeS[0]) + " s, not less than the period " + periodS + " s");
        this.name = name;
        this.periodS = periodS;
        this.timeS = timeS.clone();
        this.airK = airK.clone();
        this.rhRatio = rhRatio.clone();
        this.globalWPerM2 = globalWPerM2.clone();
        this.diffuseWPerM2 = diffuseWPerM2.clone();
    }

    public String name() { return name; }

    public double periodS() { return periodS; }

    public int size() { return timeS.length; }

    /** Time of the first sample's day start (midnight), s since 1 January: the origin of "time of day" for a design day. */
    public double dayStartS() { return Math.floor(timeS[0] / 86400.0) * 86400.0; }

    public double timeS(int i) { return timeS[i]; }

    public double airTemperatureK(int i) { return airK[i]; }

    public double relativeHumidityRatio(int i) { return rhRatio[i]; }

    public double globalHorizontalWPerM2(int i) { return globalWPerM2[i]; }

    public double diffuseHorizontalWPerM2(int i) { return diffuseWPerM2[i]; }

    /** A reading position that remembers the last interval, so sequential reads cost O(1). Not thread-safe. */
    public Cursor cursor() { return new Cursor(); }

    /** Interpolated values at a time; {@link #at(double)} moves it. */
    public final class Cursor {
        private int index;
        private double airK, rh, global, diffuse, timeOfYearS;

        /** Moves to time {@code t} (s since 1 January, any value: it wraps with the period) and interpolates. */
        public Cursor at(double t) {
            double t0 = timeS[0];
            double u = (t - t0) % periodS;
            if (u < 0) u += periodS;
            double tt = t0 + u;
            int n = timeS.length;
            if (n == 1) {
                set(0, 0, 0);
            } else {
                if (!(tt >= timeS[index] && (index + 1 >= n || tt < timeS[index + 1]))) {
                    int lo = 0, hi = n - 1;
                    while (lo < hi) {
                        int mid = (lo + hi + 1) >>> 1;
                        if (timeS[mid] <= tt) lo = mid; else hi = mid - 1;
                    }
                    index = lo;
                }
                int j = index + 1 < n ? index + 1 : 0;
                double tj = index + 1 < n ? timeS[j] : timeS[0] + periodS;
                double f = (tt - timeS[index]) / (tj - timeS[index]);
                set(index, j, f);
            }
            timeOfYearS = tt;
            return this;
        }

        private void set(int i, int j, double f) {
            airK = WeatherSeries.this.airK[i] + f * (WeatherSeries.this.airK[j] - WeatherSeries.this.airK[i]);
            rh = rhRatio[i] + f * (rhRatio[j] - rhRatio[i]);
            global = globalWPerM2[i] + f * (globalWPerM2[j] - globalWPerM2[i]);
            diffuse = diffuseWPerM2[i] + f * (diffuseWPerM2[j] - diffuseWPerM2[i]);
        }

        public double airTemperatureK() { return airK; }

        public double relativeHumidityRatio() { return rh; }

        public double globalHorizontalWPerM2() { return global; }

        public double diffuseHorizontalWPerM2() { return diffuse; }

        /** The time of year the cursor stands at (inside the series' period), s since 1 January. */
        public double timeOfYearS() { return timeOfYearS; }
    }

    // ------------------------------------------------------------------ CSV

    public static WeatherSeries read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), r);
        }
    }

    /** Reads the CSV described in the class comment; errors name the line. */
    public static WeatherSeries read(String name, Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        double period = 86400.0;
        boolean header = false;
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty()) continue;
            if (s.startsWith("#")) {
                String c = s.substring(1).strip();
                if (c.startsWith("periodS:")) {
                    try {
                        period = Double.parseDouble(c.substring("periodS:".length()).strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(name + ":" + lineNo + ": periodS is not a number: " + c);
                    }
                }
                continue;
            }
            if (!header) {
                if (!s.equals(HEADER)) throw new IllegalArgumentException(name + ":" + lineNo + ": expected the header '" + HEADER + "', found '" + s + "'");
                header = true;
                continue;
            }
            String[] f = s.split(",", -1);
            if (f.length != 5) throw new IllegalArgumentException(name + ":" + lineNo + ": expected 5 fields, found " + f.length);
            double[] row = new double[5];
            String[] names = HEADER.split(",");
            for (int k = 0; k < 5; k++) {
                try {
                    row[k] = Double.parseDouble(f[k].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ":" + names[k] + ": not a number: '" + f[k] + "'");
                }
                if (!Double.isFinite(row[k])) throw new IllegalArgumentException(name + ":" + lineNo + ":" + names[k] + ": not finite");
            }
            rows.add(row);
        }
        if (!header) throw new IllegalArgumentException(name + ": no header line '" + HEADER + "'");
        int n = rows.size();
        double[] t = new double[n], a = new double[n], rh = new double[n], g = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            t[i] = r[0];
            a[i] = Units.degCToK(r[1]);
            rh[i] = r[2] / 100.0;
            g[i] = r[3];
            d[i] = r[4];
        }
        try {
            return new WeatherSeries(name, period, t, a, rh, g, d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Writes the CSV: the provenance lines as comments, the period, the header, one row per sample (°C, % and W/m² to 0.01). */
    public void write(Writer out, List<String> provenance) {
        try {
            for (String p : provenance) out.write("# " + p + "\n");
            out.write(String.format(Locale.ROOT, "# periodS: %.0f%n", periodS).replace(System.lineSeparator(), "\n"));
            out.write(HEADER + "\n");
            for (int i = 0; i < timeS.length; i++) {
                out.write(String.format(Locale.ROOT, "%.0f,%.2f,%.2f,%.2f,%.2f", timeS[i], Units.kToDegC(airK[i]), 100 * rhRatio[i], globalWPerM2[i], diffuseWPerM2[i]));
                out.write("\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
