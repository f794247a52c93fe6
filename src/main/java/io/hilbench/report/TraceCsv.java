package io.hilbench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric columns a report needs from a scenario's trace CSV (the recorder's format: {@code step,plantTimeS},
 * then per plant output its true value, published value and quality, then {@code input.*}, then text columns).
 * A column is named without its unit suffix ({@code hp.gasCoolerPressurePa}, not {@code hp.gasCoolerPressurePa [Pa]});
 * booleans read as 0/1, an empty or non-numeric cell as NaN.
 */
public final class TraceCsv {
    private final double[] timeS;
    private final Map<String, double[]> columns;

    private TraceCsv(double[] timeS, Map<String, double[]> columns) {
        this.timeS = timeS;
        this.columns = columns;
    }

    /** Reads the plant time and the wanted columns (those the file has; ask {@link #column} for the others). */
    public static TraceCsv read(Path file, Collection<String> wanted) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new IOException(file + ": empty trace");
            List<String> names = split(header);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.size(); i++) index.putIfAbsent(stripUnit(names.get(i)), i);
            Integer t = index.get("plantTimeS");
            if (t == null) throw new IOException(file + ": no plantTimeS column (not a bench trace)");
            Map<String, Integer> pick = new LinkedHashMap<>();
            for (String w : wanted) if (index.containsKey(w)) pick.put(w, index.get(w));
            int max = pick.values().stream().mapToInt(Integer::intValue).max().orElse(t);
            max = Math.max(max, t);
            double[] time = new double[1024];
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (String k : pick.keySet()) cols.put(k, new double[1024]);
            int n = 0;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) continue;
                List<String> cells = splitUpTo(line, max + 1);
                if (n == time.length) {
                    time = Arrays.copyOf(time, n * 2);
                    for (Map.Entry<String, double[]> e : cols.entrySet()) e.setValue(Arrays.copyOf(e.getValue(), n * 2));
                }
                time[n] = number(cells, t);
                for (Map.Entry<String, Integer> e : pick.entrySet()) cols.get(e.getKey())[n] = number(cells, e.getValue());
                n++;
            }
            final int size = n;
            cols.replaceAll((k, v) -> Arrays.copyOf(v, size));
            return new TraceCsv(Arrays.copyOf(time, size), cols);
        }
    }

    public int size() { return timeS.length; }

    /** Plant time of each row, in seconds from the start of the run. */
    public double[] timeS() { return timeS.clone(); }

    public Optional<double[]> column(String name) {
        double[] c = columns.get(name);
        return c == null ? Optional.empty() : Optional.of(c.clone());
    }

    public boolean has(String name) { return columns.containsKey(name); }

    private static String stripUnit(String name) {
        int i = name.indexOf(" [");
        return i < 0 ? name : name.substring(0, i);
    }

    private static double number(List<String> cells, int i) {
        if (i >= cells.size()) return Double.NaN;
        String s = cells.get(i);
        if (s.isEmpty()) return Double.NaN;
        if (s.equals("true")) return 1;
        if (s.equals("false")) return 0;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<String> split(String line) { return splitUpTo(line, Integer.MAX_VALUE); }

    /** CSV cells with quotes (RFC 4180), only the first {@code limit} of them. */
    private static List<String> splitUpTo(String line, int limit) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length() && out.size() < limit; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (out.size() < limit) out.add(cell.toString());
        return out;
    }
}
