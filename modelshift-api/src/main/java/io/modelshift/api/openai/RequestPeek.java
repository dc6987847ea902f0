package io.modelshift.api.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.Set;

/**
 * The handful of fields the gateway and the proxy route on, read from an OpenAI request body in one streaming pass
 * without building a tree: the body itself is forwarded untouched.
 *
 * @param model              the {@code model} field, or null when absent
 * @param stream             whether {@code stream} is true
 * @param includeUsage       whether {@code stream_options.include_usage} is true
 * @param user               the OpenAI {@code user} field, or null
 * @param maxTokens          {@code max_completion_tokens} or else {@code max_tokens}, or null when neither is set
 * @param n                  the {@code n} field (default 1)
 * @param promptChars        characters of text in {@code messages} (images' and audio's data left out), or of the
 *                           longest prompt of {@code prompt}/{@code input}, for length guards
 * @param hasPrompt          whether the body has {@code messages}, {@code prompt} or {@code input}
 */
public record RequestPeek(String model, boolean stream, boolean includeUsage, String user, Integer maxTokens, int n,
                          long promptChars, boolean hasPrompt) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    /** Fields of chat content parts that hold an image's or audio's link or data, not text. */
    private static final Set<String> MEDIA_FIELDS = Set.of("url", "data");

    /**
     * Reads the routing fields of a JSON request body.
     *
     * @throws InvalidRequestException when the body is not a JSON object or a known field has the wrong type
     */
    public static RequestPeek of(byte[] body) {
        return of(body, 0, body.length);
    }

    public static RequestPeek of(byte[] body, int offset, int length) {
        if (length == 0) {
            throw InvalidRequestException.badRequest("The request body is empty; expected a JSON object.", null);
        }
        try (JsonParser p = JSON.createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw InvalidRequestException.badRequest("The request body must be a JSON object.", null);
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "model" -> f.model = string(p, value, "model");
                    case "stream" -> f.stream = bool(p, value, "stream");
                    case "user" -> f.user = string(p, value, "user");
                    case "max_tokens" -> {
                        Integer v = integer(p, value, "max_tokens");
                        if (f.maxTokens == null) {
                            f.maxTokens = v;
                        }
                    }
                    case "max_completion_tokens" -> {
                        Integer v = integer(p, value, "max_completion_tokens");
                        if (v != null) {
                            f.maxTokens = v;
                        }
                    }
                    case "n" -> {
                        Integer v = integer(p, value, "n");
                        f.n = v == null ? 1 : v;
                    }
                    case "stream_options" -> f.includeUsage = readIncludeUsage(p, value);
                    case "messages" -> {
                        f.hasPrompt |= value != JsonToken.VALUE_NULL;
                        f.promptChars += textLength(p, value);
                    }
                    case "prompt", "input" -> {
                        f.hasPrompt |= value != JsonToken.VALUE_NULL;
                        f.promptChars += longestPrompt(p, value);
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw InvalidRequestException.badRequest("The request body is not valid JSON.", null);
            }
            return new RequestPeek(f.model, f.stream, f.includeUsage, f.user, f.maxTokens, f.n, f.promptChars,
                    f.hasPrompt);
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("The request body is not valid JSON: "
                    + firstLine(e.getMessage()), null);
        }
    }

    private static final class Fields {
        String model;
        boolean stream;
        boolean includeUsage;
        String user;
        Integer maxTokens;
        int n = 1;
        long promptChars;
        boolean hasPrompt;
    }

    private static String string(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw InvalidRequestException.badRequest("'" + field + "' must be a string.", field);
        }
        return p.getText();
    }

    private static boolean bool(JsonParser p, JsonToken t, String field) throws IOException {
        return switch (t) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> {
                p.skipChildren();
                throw InvalidRequestException.badRequest("'" + field + "' must be a boolean.", field);
            }
        };
    }

    private static Integer integer(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            p.skipChildren();
            throw InvalidRequestException.badRequest("'" + field + "' must be an integer.", field);
        }
        long v = p.getLongValue();
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw InvalidRequestException.badRequest("'" + field + "' is out of range.", field);
        }
        return (int) v;
    }

    private static boolean readIncludeUsage(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw InvalidRequestException.badRequest("'stream_options' must be an object.", "stream_options");
        }
        boolean include = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("include_usage".equals(name)) {
                include = bool(p, v, "stream_options.include_usage");
            } else {
                p.skipChildren();
            }
        }
        return include;
    }

    /** Sums the lengths of every string inside the value (chat messages, prompt strings or arrays). */
    /**
     * A batch of prompts (an array of strings, or of token arrays): vLLM checks each one against the context on its
     * own, so the longest counts, not their sum.
     */
    private static long longestPrompt(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return textLength(p, t);
        }
        long longest = 0;
        for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
            if (next == null) {
                throw new IOException("unexpected end of input");
            }
            longest = Math.max(longest, textLength(p, next));
        }
        return longest;
    }

    /**
     * Characters of text in a value: every string but links and base64 payloads ({@code url}, {@code data}) of
     * images and audio in chat messages, which vLLM turns into a few hundred tokens each, not one per 4 characters.
     */
    private static long textLength(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getTextLength();
        }
        if (t != JsonToken.START_ARRAY && t != JsonToken.START_OBJECT) {
            return 0;
        }
        long chars = 0;
        int depth = 1;
        while (depth > 0) {
            JsonToken next = p.nextToken();
            if (next == null) {
                throw new IOException("unexpected end of input");
            }
            switch (next) {
                case START_ARRAY, START_OBJECT -> depth++;
                case END_ARRAY, END_OBJECT -> depth--;
                case VALUE_STRING -> {
                    String field = p.currentName();
                    if (field == null || !MEDIA_FIELDS.contains(field)) {
                        chars += p.getTextLength();
                    }
                }
                default -> {
                }
            }
        }
        return chars;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
