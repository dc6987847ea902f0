package io.modelshift.gateway.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.modelshift.api.relay.CompletionUsage;

import java.io.IOException;

/**
 * What a record needs from a whole (non-streamed) answer: the usage counts and the first choice's finish reason,
 * read in one streaming pass that materialises nothing else (a tree of every answer cost ~5 % of the gateway's CPU).
 *
 * @param promptTokens     {@code usage.prompt_tokens}, or -1
 * @param completionTokens {@code usage.completion_tokens}; 0 when usage has none (embeddings), -1 without usage
 * @param finishReason     {@code choices[0].finish_reason}, or null
 */
record AnswerSummary(long promptTokens, long completionTokens, String finishReason) {

    static final AnswerSummary UNKNOWN = new AnswerSummary(-1, -1, null);
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads a body; answers {@link #UNKNOWN} for one that is not a JSON object (relayed as is all the same). */
    static AnswerSummary of(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return UNKNOWN;
            }
            long prompt = -1;
            long completion = -1;
            String finish = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    CompletionUsage usage = CompletionUsage.usage(p);
                    prompt = usage.promptTokens();
                    completion = Math.max(0, usage.completionTokens()); // usage without it: none (embeddings)
                } else if ("choices".equals(name) && value == JsonToken.START_ARRAY) {
                    finish = firstFinishReason(p);
                } else {
                    p.skipChildren();
                }
            }
            return new AnswerSummary(prompt, completion, finish);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** With the parser on a choices array's start: the first choice's finish_reason; leaves it after the array. */
    private static String firstFinishReason(JsonParser p) throws IOException {
        String finish = null;
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (first && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING && "finish_reason".equals(field)) {
                        finish = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
            first = false;
        }
        return finish;
    }
}
