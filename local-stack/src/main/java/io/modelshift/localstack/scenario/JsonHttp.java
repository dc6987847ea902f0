package io.modelshift.localstack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to the stack's services; any non-2xx answer is an exception quoting the service's reply. */
public final class JsonHttp {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String authorization;

    public JsonHttp(String bearerToken) {
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    }

    public JsonNode get(String url) {
        return send(builder(url).GET().build());
    }

    public JsonNode post(String url, Object body) {
        return send(builder(url).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    public JsonNode put(String url, String contentType, String body) {
        return send(builder(url).header("content-type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder builder(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new ServiceCallException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                        + ": " + abbreviate(r.body()));
            }
            return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ServiceCallException(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException("interrupted: " + request.uri());
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /** A service answered with an error or could not be reached. */
    public static class ServiceCallException extends RuntimeException {
        public ServiceCallException(String message) {
            super(message);
        }
    }
}
