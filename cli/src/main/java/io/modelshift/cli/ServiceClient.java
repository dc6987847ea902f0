package io.modelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON over HTTP to one modelshift service. Non-2xx answers become a {@link CliFailure} carrying the service's
 * OpenAI error envelope message, so the user reads "gateway answered 400: invalid rollout: ..." and not a trace.
 */
public final class ServiceClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final String baseUrl;
    private final String bearer;
    private final String urlOption;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param service   a name for messages ("gateway", "evaluation service")
     * @param urlOption the option that sets the URL, named in "cannot reach" messages
     */
    public ServiceClient(String service, String baseUrl, String bearer, String urlOption) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.bearer = bearer;
        this.urlOption = urlOption;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        return send("GET", path, null).orElseThrow(() -> new CliFailure(service + " has no " + path));
    }

    /** Empty on 404, the answer otherwise. */
    public Optional<JsonNode> find(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body).orElseThrow(() -> new CliFailure(service + " has no " + path));
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body).orElseThrow(() -> new CliFailure(service + " has no " + path));
    }

    private Optional<JsonNode> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("accept", "application/json");
        if (bearer != null && !bearer.isBlank()) {
            request.header("authorization", "Bearer " + bearer);
        }
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
            if (body != null) {
                request.header("content-type", "application/json");
            }
            HttpResponse<String> response = http.send(request.method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
            if (response.statusCode() == 404 && "GET".equals(method)
                    && !"rollouts_disabled".equals(answer.path("error").path("code").asText())) {
                return Optional.empty();
            }
            if (response.statusCode() >= 300) {
                throw new CliFailure(service + " answered " + response.statusCode() + " to " + method + " " + path
                        + ": " + describe(answer, response.body()));
            }
            return Optional.of(answer);
        } catch (ConnectException | HttpTimeoutException e) {
            throw new CliFailure("cannot reach the " + service + " at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + "); is it running? set " + urlOption, e);
        } catch (IOException e) {
            throw new CliFailure("the " + service + " at " + baseUrl + " gave an unreadable answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }

    private static String describe(JsonNode answer, String raw) {
        JsonNode error = answer.path("error");
        if (error.isObject()) {
            String code = error.path("code").asText("");
            return error.path("message").asText(raw) + (code.isEmpty() ? "" : " (" + code + ")");
        }
        return raw == null || raw.isBlank() ? "(no body)" : raw.length() > 300 ? raw.substring(0, 300) + "..." : raw;
    }
}
