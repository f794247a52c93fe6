package io.hilbench.rig;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of an RFC 4180 CSV text, with the line it starts on. Fields are separated by commas; a field in
 * double quotes may hold commas, line breaks and doubled quotes ({@code ""}). Unquoted fields are trimmed, quoted
 * ones kept as written. Lines whose first non-blank character is {@code #} are comments; blank lines and rows of
 * empty fields (a spreadsheet's trailing rows) are skipped.
 */
record CsvRecord(int line, List<String> fields) {

    static List<CsvRecord> parse(String text, String file, List<RigError> errors) {
        List<CsvRecord> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') i = 1; // byte order mark
        int line = 1;
        while (i < n) {
            // start of a record: comment or blank line?
            int eol = i;
            while (eol < n && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') eol++;
            String whole = text.substring(i, eol).trim();
            if (whole.isEmpty() || whole.startsWith("#")) {
                i = skipNewline(text, eol);
                line++;
                continue;
            }
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;      // this field was quoted
            boolean inQuotes = false;
            boolean afterQuote = false;  // closing quote seen, only a separator may follow
            boolean endOfRecord = false;
            boolean broken = false;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        inQuotes = false;
                        afterQuote = true;
                        i++;
                        continue;
                    }
                    if (c == '\r' || c == '\n') {
                        int next = skipNewline(text, i);
                        field.append('\n');
                        line++;
                        i = next;
                        continue;
                    }
                    field.append(c);
                    i++;
                    continue;
                }
                if (c == ',') {
                    fields.add(quoted ? field.toString() : field.toString().trim());
                    field.setLength(0);
                    quoted = afterQuote = false;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    i = skipNewline(text, i);
                    line++;
                    endOfRecord = true;
                } else if (afterQuote) {
                    if (!Character.isWhitespace(c) && !broken) {
                        errors.add(new RigError(file, recordLine, "csv", "text after a closing quote in field " + (fields.size() + 1)
                                + " (a quote inside a quoted value is written twice: \"\")"));
                        broken = true;
                    }
                    i++;
                } else if (c == '"' && field.toString().isBlank()) {
                    field.setLength(0);
                    quoted = true;
                    inQuotes = true;
                    i++;
                } else {
                    field.append(c);
                    i++;
                }
            }
            if (inQuotes) {
                errors.add(new RigError(file, recordLine, "csv", "a quoted value is never closed"));
                broken = true;
            }
            fields.add(quoted ? field.toString() : field.toString().trim());
            if (broken) continue;
            if (fields.stream().allMatch(String::isEmpty)) continue;
            out.add(new CsvRecord(recordLine, List.copyOf(fields)));
        }
        return out;
    }

    private static int skipNewline(String text, int i) {
        if (i < text.length() && text.charAt(i) == '\r') i++;
        if (i < text.length() && text.charAt(i) == '\n') i++;
        return i;
    }
}
