package io.modelshift.simulator.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.simulator.engine.Tokens;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates a completion request the way vLLM does (protocol.py + SamplingParams._verify_args): wrong
 * JSON, a missing {@code messages}/{@code prompt} and out-of-range sampling parameters are 400 BadRequestError.
 */
final class RequestParser {

    /** Tokens the Llama 3 chat template adds per message (header ids, role, end of turn) and for the reply header. */
    private static final int TEMPLATE_TOKENS_PER_MESSAGE = 5;
    private static final int TEMPLATE_TOKENS_REPLY = 5;
    /** A guard of the simulator itself (vLLM has none): n choices are held in memory. */
    private static final int MAX_N = 128;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());

    private RequestParser() {
    }

    static CompletionRequest parse(byte[] body, boolean chat) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw VllmErrors.badRequest("JSON decode error: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw VllmErrors.badRequest("JSON decode error: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw VllmErrors.badRequest("The request body must be a JSON object.", null);
        }
        String model = optionalText(root, "model");
        List<CompletionRequest.Prompt> prompts = chat ? List.of(chatPrompt(root)) : textPrompts(root);

        Integer maxTokens = optionalInt(root, "max_tokens");
        Integer maxCompletionTokens = optionalInt(root, "max_completion_tokens");
        if (maxCompletionTokens != null) {
            maxTokens = maxCompletionTokens;
        }
        if (maxTokens != null && maxTokens < 1) {
            throw VllmErrors.badRequest("max_tokens must be at least 1, got " + maxTokens + ".",
                    maxCompletionTokens != null ? "max_completion_tokens" : "max_tokens");
        }
        Integer n = optionalInt(root, "n");
        if (n != null && n < 1) {
            throw VllmErrors.badRequest("n must be at least 1, got " + n + ".", "n");
        }
        if (n != null && n > MAX_N) {
            throw VllmErrors.badRequest("n must be at most " + MAX_N + " in the simulator, got " + n + ".", "n");
        }
        checkSampling(root);
        List<String> stop = stop(root);
        Long seed = optionalLong(root, "seed");
        boolean stream = optionalBool(root, "stream");
        boolean includeUsage = false;
        boolean continuousUsage = false;
        JsonNode options = root.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!stream) {
                throw VllmErrors.badRequest("Stream options can only be defined when `stream=True`.",
                        "stream_options");
            }
            if (!options.isObject()) {
                throw VllmErrors.badRequest("stream_options must be an object.", "stream_options");
            }
            includeUsage = optionalBool(options, "include_usage");
            continuousUsage = optionalBool(options, "continuous_usage_stats");
        }
        return new CompletionRequest(chat, model, prompts, maxTokens, n == null ? 1 : n,
                stop, seed, stream, includeUsage, continuousUsage, optionalBool(root, "ignore_eos"),
                !chat && optionalBool(root, "echo"));
    }

    private static CompletionRequest.Prompt chatPrompt(JsonNode root) {
        StringBuilder prompt = new StringBuilder();
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            throw VllmErrors.badRequest("Field required: 'messages'.", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw VllmErrors.badRequest("'messages' must be a non-empty list of messages.", "messages");
        }
        int tokens = TEMPLATE_TOKENS_REPLY;
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw VllmErrors.badRequest("Each message must be an object with a string 'role'.", "messages");
            }
            String text = content(m.get("content"));
            if (!prompt.isEmpty()) {
                prompt.append('\n');
            }
            prompt.append(text);
            tokens += TEMPLATE_TOKENS_PER_MESSAGE + Tokens.count(text);
        }
        return new CompletionRequest.Prompt(prompt.toString(), tokens);
    }

    /** Message content: a string, a list of parts ({@code {"type":"text","text":...}}), or null. */
    private static String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isObject() && part.path("text").isTextual()) {
                    text.append(part.get("text").asText());
                } else if (!part.isObject() || !part.has("type")) {
                    throw VllmErrors.badRequest("Each content part must be an object with a 'type'.", "messages");
                }
            }
            return text.toString();
        }
        throw VllmErrors.badRequest("Message 'content' must be a string or a list of content parts.", "messages");
    }

    /** A string, a list of strings (a batch), a list of token ids, or a list of such lists (a batch). */
    private static List<CompletionRequest.Prompt> textPrompts(JsonNode root) {
        JsonNode p = root.get("prompt");
        if (p == null || p.isNull()) {
            throw VllmErrors.badRequest("Field required: 'prompt'.", "prompt");
        }
        if (p.isTextual()) {
            return List.of(text(p.asText()));
        }
        if (p.isArray() && !p.isEmpty()) {
            if (allInts(p)) {
                return List.of(new CompletionRequest.Prompt("", p.size()));
            }
            List<CompletionRequest.Prompt> batch = new ArrayList<>(p.size());
            for (JsonNode one : p) {
                if (one.isTextual()) {
                    batch.add(text(one.asText()));
                } else if (one.isArray() && !one.isEmpty() && allInts(one)) {
                    batch.add(new CompletionRequest.Prompt("", one.size()));
                } else {
                    batch.clear();
                    break;
                }
            }
            if (!batch.isEmpty()) {
                return batch;
            }
        }
        throw VllmErrors.badRequest("'prompt' must be a string, a list of strings, a list of token ids, or a list "
                + "of lists of token ids.", "prompt");
    }

    private static CompletionRequest.Prompt text(String prompt) {
        return new CompletionRequest.Prompt(prompt, Math.max(1, Tokens.count(prompt)));
    }

    private static boolean allInts(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void checkSampling(JsonNode root) {
        Double temperature = optionalNumber(root, "temperature");
        if (temperature != null && temperature < 0) {
            throw VllmErrors.badRequest("temperature must be non-negative, got " + temperature + ".", "temperature");
        }
        Double topP = optionalNumber(root, "top_p");
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw VllmErrors.badRequest("top_p must be in (0, 1], got " + topP + ".", "top_p");
        }
        Integer topK = optionalInt(root, "top_k");
        if (topK != null && topK < -1) {
            throw VllmErrors.badRequest("top_k must be 0 (disable), or at least 1, got " + topK + ".", "top_k");
        }
        Double minP = optionalNumber(root, "min_p");
        if (minP != null && (minP < 0 || minP > 1)) {
            throw VllmErrors.badRequest("min_p must be in [0, 1], got " + minP + ".", "min_p");
        }
        Double repetition = optionalNumber(root, "repetition_penalty");
        if (repetition != null && repetition <= 0) {
            throw VllmErrors.badRequest("repetition_penalty must be greater than zero, got " + repetition + ".",
                    "repetition_penalty");
        }
        for (String penalty : List.of("presence_penalty", "frequency_penalty")) {
            Double v = optionalNumber(root, penalty);
            if (v != null && (v < -2 || v > 2)) {
                throw VllmErrors.badRequest(penalty + " must be in [-2, 2], got " + v + ".", penalty);
            }
        }
    }

    private static List<String> stop(JsonNode root) {
        JsonNode stop = root.get("stop");
        List<String> out = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return out;
        }
        if (stop.isTextual()) {
            out.add(stop.asText());
            return out;
        }
        if (stop.isArray()) {
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    throw VllmErrors.badRequest("'stop' must be a string or a list of strings.", "stop");
                }
                out.add(s.asText());
            }
            return out;
        }
        throw VllmErrors.badRequest("'stop' must be a string or a list of strings.", "stop");
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw VllmErrors.badRequest("'" + field + "' must be a string.", field);
        }
        return v.asText();
    }

    private static Integer optionalInt(JsonNode root, String field) {
        Long v = optionalLong(root, field);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw VllmErrors.badRequest("'" + field + "' is out of range.", field);
        }
        return v.intValue();
    }

    private static Long optionalLong(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw VllmErrors.badRequest("'" + field + "' must be an integer.", field);
        }
        return v.asLong();
    }

    private static Double optionalNumber(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw VllmErrors.badRequest("'" + field + "' must be a number.", field);
        }
        return v.asDouble();
    }

    private static boolean optionalBool(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw VllmErrors.badRequest("'" + field + "' must be a boolean.", field);
        }
        return v.asBoolean();
    }
}
