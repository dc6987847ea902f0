package io.modelshift.evaluation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** JSON Lines: one object per non-blank line; a broken line is reported with its file and line number. */
final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    static List<JsonNode> parse(String text, String where, String... requiredFields) {
        List<JsonNode> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new DatasetException("Malformed dataset " + where + " line " + (i + 1) + ": not JSON ("
                        + e.getOriginalMessage() + ")");
            }
            for (String field : requiredFields) {
                if (node == null || !node.path(field).isTextual()) {
                    throw new DatasetException("Malformed dataset " + where + " line " + (i + 1)
                            + ": missing text field \"" + field + "\"");
                }
            }
            rows.add(node);
        }
        if (rows.isEmpty()) {
            throw new DatasetException("Dataset " + where + " holds no items");
        }
        return rows;
    }
}
