package io.modelshift.evaluation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.evaluation.benchmarks.Prompt;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Calls any OpenAI-compatible server ({@code /v1/chat/completions} or {@code /v1/completions}) with bounded retries:
 * unreachable, timed-out, 429 and 5xx answers are retried with exponential backoff, other 4xx are not.
 */
public class OpenAiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoff;

    public OpenAiClient(HttpClient http, String baseUrl, Optional<String> apiKey, Duration timeout, int maxAttempts,
                        Duration backoff) {
        this.http = http;
        this.base = URI.create(normalise(baseUrl));
        this.apiKey = apiKey.filter(k -> !k.isBlank());
        this.timeout = timeout;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
    }

    /** {@code http://host:8000}, {@code http://host:8000/} and {@code http://host:8000/v1} all mean the same server. */
    public static String normalise(String baseUrl) {
        String s = baseUrl.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.endsWith("/v1") ? s : s + "/v1";
    }

    public URI base() {
        return base;
    }

    public Completion chat(String model, List<Prompt.Message> messages, List<String> stop, int maxTokens,
                           double temperature, Long seed) throws TargetException {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode array = body.putArray("messages");
        messages.forEach(m -> array.addObject().put("role", m.role()).put("content", m.content()));
        return call("/chat/completions", body, stop, maxTokens, temperature, seed, true);
    }

    public Completion complete(String model, String prompt, List<String> stop, int maxTokens, double temperature,
                               Long seed) throws TargetException {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("prompt", prompt);
        return call("/completions", body, stop, maxTokens, temperature, seed, false);
    }

    /** A quick reachability check: any HTTP answer from {@code /v1/models} counts, a refused connection does not. */
    public Optional<String> unreachable() {
        try {
            http.send(request("/models").timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private Completion call(String path, ObjectNode body, List<String> stop, int maxTokens, double temperature,
                            Long seed, boolean chat) throws TargetException {
        body.put("max_tokens", maxTokens).put("temperature", temperature);
        if (seed != null) {
            body.put("seed", seed);
        }
        if (!stop.isEmpty()) {
            ArrayNode array = body.putArray("stop");
            // OpenAI-style chat endpoints accept at most four stop strings
            (chat ? stop.subList(0, Math.min(4, stop.size())) : stop).forEach(array::add);
        }
        String payload = body.toString();
        TargetException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                sleep(backoff.multipliedBy(1L << Math.min(attempt - 2, 6)));
            }
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request(path).timeout(timeout)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double millis = (System.nanoTime() - start) / 1e6;
                int status = response.statusCode();
                if (status == 200) {
                    return parse(response.body(), chat, millis, attempt);
                }
                boolean retryable = status == 429 || status >= 500;
                last = new TargetException("HTTP " + status + " from " + base + path + ": " + abbreviate(response.body()),
                        retryable, attempt);
                if (!retryable) {
                    throw last;
                }
            } catch (IOException e) {
                last = new TargetException(describe(e) + " (" + base + path + ")", true, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException("interrupted", false, attempt);
            }
        }
        throw last;
    }

    private Completion parse(String body, boolean chat, double millis, int attempt) throws TargetException {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode choice = root.path("choices").path(0);
            if (choice.isMissingNode()) {
                throw new TargetException("answer without choices: " + abbreviate(body), false, attempt);
            }
            JsonNode text = chat ? choice.path("message").path("content") : choice.path("text");
            JsonNode usage = root.path("usage");
            // a null content is scored as a wrong answer, as lm-eval does
            return new Completion(text.isTextual() ? text.asText() : "", usage.path("prompt_tokens").asInt(-1),
                    usage.path("completion_tokens").asInt(-1), millis, attempt);
        } catch (IOException e) {
            throw new TargetException("answer is not JSON: " + abbreviate(body), false, attempt);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        apiKey.ifPresent(k -> builder.header("authorization", "Bearer " + k));
        return builder;
    }

    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "request timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void sleep(Duration d) throws TargetException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted", false, 0);
        }
    }
}
