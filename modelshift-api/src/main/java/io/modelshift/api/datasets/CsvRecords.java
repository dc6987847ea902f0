package io.modelshift.api.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as the MMLU and JMMLU files ship it (quoted fields, doubled quotes, line breaks inside quotes, CRLF
 * or LF, a leading UTF-8 BOM ignored, blank lines skipped). One reader for the simulator's answer keys and the
 * evaluation service's loaders, so both see the same questions.
 */
public final class CsvRecords {

    private CsvRecords() {
    }

    /**
     * @param text  the whole file
     * @param where a name for the file, used in the error message
     * @throws IllegalArgumentException when a quoted field is never closed
     */
    public static List<List<String>> parse(String text, String where) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        for (int i = text.startsWith("\uFEFF") ? 1 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                addRow(rows, row);
                row = new ArrayList<>();
                line++;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Malformed CSV " + where + ": unterminated quoted field at line " + line);
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            addRow(rows, row);
        }
        return rows;
    }

    private static void addRow(List<List<String>> rows, List<String> row) {
        if (!(row.size() == 1 && row.getFirst().isEmpty())) {
            rows.add(row);
        }
    }
}
