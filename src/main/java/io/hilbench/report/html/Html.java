package io.hilbench.report.html;

import java.util.Locale;

/** A small well-formed XHTML writer (the handover page is also the PDF renderer's input, which needs XML). */
final class Html {
    private final StringBuilder sb = new StringBuilder();

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') out.append(' ');
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    Html raw(String s) {
        sb.append(s);
        return this;
    }

    Html text(String s) {
        sb.append(esc(s));
        return this;
    }

    /** {@code <tag>escaped text</tag>} */
    Html el(String tag, String text) {
        sb.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag.split(" ")[0]).append('>');
        return this;
    }

    Html row(String... cells) {
        sb.append("<tr>");
        for (String c : cells) sb.append("<td>").append(esc(c)).append("</td>");
        sb.append("</tr>\n");
        return this;
    }

    Html headerRow(String... cells) {
        sb.append("<tr>");
        for (String c : cells) sb.append("<th>").append(esc(c)).append("</th>");
        sb.append("</tr>\n");
        return this;
    }

    @Override
    public String toString() { return sb.toString(); }
}
