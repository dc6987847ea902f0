package io.modelshift.gateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders prompt and completion text for records that carry it (privacy mode off, sampled). Runs only for those
 * records, after the response is sent.
 */
public final class TextCapture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TextCapture() {
    }

    /**
     * {@code text} if it has at most {@code max} characters, else its first {@code max} and a note of how much was
     * cut (never splitting a surrogate pair); null stays null.
     */
    public static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + " [... " + (text.length() - end) + " more characters not recorded]";
    }

    /** Chat messages as {@code role: content} lines, or the prompt / input text. */
    public static String prompt(byte[] requestBody) {
        try {
            JsonNode tree = JSON.readTree(requestBody);
            JsonNode messages = tree.path("messages");
            if (messages.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode m : messages) {
                    sb.append(m.path("role").asText("user")).append(": ").append(content(m.path("content")))
                            .append('\n');
                }
                return sb.toString().strip();
            }
            for (String field : new String[]{"prompt", "input"}) {
                JsonNode v = tree.path(field);
                if (!v.isMissingNode()) {
                    return content(v);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The answer's text: {@code message.content} / {@code text} of the first choice, or the deltas of a stream. */
    public static String completion(byte[] answer, boolean stream) {
        if (answer == null) {
            return null;
        }
        if (!stream) {
            try {
                JsonNode choice = JSON.readTree(answer).path("choices").path(0);
                JsonNode content = choice.path("message").path("content");
                return content.isTextual() ? content.asText() : choice.path("text").asText(null);
            } catch (IOException e) {
                return null;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String line : new String(answer, StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.isEmpty() || data.equals("[DONE]")) {
                continue;
            }
            try {
                JsonNode choice = JSON.readTree(data).path("choices").path(0);
                JsonNode delta = choice.path("delta").path("content");
                if (delta.isTextual()) {
                    sb.append(delta.asText());
                } else if (choice.path("text").isTextual()) {
                    sb.append(choice.path("text").asText());
                }
            } catch (IOException e) {
                // a frame we cannot read adds no text
            }
        }
        return sb.toString();
    }

    private static String content(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : v) {
                if (part.isTextual()) {
                    sb.append(part.asText());
                } else if (part.path("text").isTextual()) {
                    sb.append(part.path("text").asText());
                }
            }
            return sb.toString();
        }
        return v.isNull() || v.isMissingNode() ? "" : v.toString();
    }
}
