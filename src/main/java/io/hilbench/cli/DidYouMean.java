package io.hilbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for an unknown option or sub-command (issue #16 item 10: {@code --tag} and {@code rnu} got only
 * "Unknown option"). The candidates are the options and sub-commands of the command that refused the argument; the
 * closest by optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so {@code rnu} → {@code run}
 * is one edit) within a third of the word's length, and any candidate the word is a prefix of ({@code --tag} →
 * {@code --tags}).
 */
final class DidYouMean {
    private DidYouMean() {}

    /** The hint line for a refused command line, or "" when nothing is close. */
    static String hint(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || ex.getCommandLine() == null) return "";
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) if (!o.hidden()) options.addAll(List.of(o.names()));
        List<String> commands = new ArrayList<>(spec.subcommands().keySet());
        List<String> lines = new ArrayList<>();
        for (String arg : u.getUnmatched()) {
            String word = arg.startsWith("-") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> s = suggestions(word, word.startsWith("-") ? options : commands);
            if (!s.isEmpty()) lines.add("did you mean " + String.join(" or ", s.stream().map(x -> "'" + x + "'").toList()) + " for '" + word + "'?");
        }
        return String.join("\n", lines);
    }

    /** The candidates closest to {@code word}: the nearest within a third of its length, or those it is a prefix of; best first. */
    static List<String> suggestions(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, stripped(w).length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> nearest = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d == 0 || d > limit) continue;
            if (d < best) {
                best = d;
                nearest.clear();
            }
            if (d == best) nearest.add(c);
        }
        List<String> out = new ArrayList<>(nearest);
        if (stripped(w).length() >= 2) {
            for (String c : candidates) if (c.toLowerCase(Locale.ROOT).startsWith(w) && !c.equalsIgnoreCase(w) && !out.contains(c)) out.add(c);
        }
        return out;
    }

    private static String stripped(String w) {
        int i = 0;
        while (i < w.length() && w.charAt(i) == '-') i++;
        return w.substring(i);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions, each 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
