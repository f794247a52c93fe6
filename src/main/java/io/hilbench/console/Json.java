package io.hilbench.console;

/**
 * The few JSON shapes the console writes, by hand: the live message is built ten times a second for every point,
 * and a string builder with no intermediate tree keeps that cheap. Non-finite numbers become {@code null}
 * (JSON has no NaN).
 */
final class Json {
    private Json() {}

    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                        else sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    static StringBuilder number(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) return sb.append("null");
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return sb.append((long) v);
        return sb.append(v);
    }

    /** {@code "name":} */
    static StringBuilder key(StringBuilder sb, String name) {
        return string(sb, name).append(':');
    }
}
