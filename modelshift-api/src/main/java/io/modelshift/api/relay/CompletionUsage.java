package io.modelshift.api.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The {@code usage} object of a non-streaming OpenAI response ({@code chat.completion}, {@code text_completion},
 * embeddings), read in one streaming pass that skips everything else (the choices are never materialised).
 * Streams are counted by {@link SseStreamTap} instead.
 *
 * @param promptTokens     {@code usage.prompt_tokens}, or -1 when absent
 * @param completionTokens {@code usage.completion_tokens}, or -1 when absent (embeddings have none)
 */
public record CompletionUsage(long promptTokens, long completionTokens) {

    public static final CompletionUsage NONE = new CompletionUsage(-1, -1);

    private static final JsonFactory JSON = new JsonFactory();

    public boolean present() {
        return promptTokens >= 0;
    }

    /** Reads the top-level usage object; answers {@link #NONE} for bodies that are not a JSON object or have none. */
    public static CompletionUsage read(byte[] body, int offset, int length) {
        try (JsonParser p = JSON.createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    return usage(p);
                }
                p.skipChildren();
            }
            return NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    /** Reads a usage object, the parser positioned on its START_OBJECT; leaves the parser on its END_OBJECT. */
    public static CompletionUsage usage(JsonParser p) throws IOException {
        long prompt = -1;
        long completion = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && "prompt_tokens".equals(name)) {
                prompt = p.getLongValue();
            } else if (value == JsonToken.VALUE_NUMBER_INT && "completion_tokens".equals(name)) {
                completion = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        return new CompletionUsage(prompt, completion);
    }
}
