package io.modelshift.simulator.api;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.simulator.ConfigJson;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.Set;

/**
 * The pod's HTTP surface: vLLM's OpenAI-compatible endpoints plus {@code /admin/config}. Plain Vert.x routing on
 * the path; every response carries {@code x-inference-pod}.
 */
public final class Endpoints implements Handler<HttpServerRequest> {

    /** The vLLM version the simulator imitates (names, shapes, metrics). */
    public static final String VLLM_VERSION = "0.11.0";

    /** Paths counted in {@code http_requests_total}, like the FastAPI instrumentator's templated handlers. */
    private static final Set<String> HANDLERS = Set.of("/v1/chat/completions", "/v1/completions", "/v1/models",
            "/health", "/ping", "/version", "/metrics", "/admin/config");

    private final Pod pod;
    private final CompletionEndpoint completions;
    private final ModelsEndpoint models;

    public Endpoints(Pod pod) {
        this.pod = pod;
        this.completions = new CompletionEndpoint(pod);
        this.models = new ModelsEndpoint(pod);
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader("x-inference-pod", pod.config().podName());
        String path = request.path();
        HttpMethod method = request.method();
        if (HANDLERS.contains(path)) {
            response.endHandler(v -> pod.metrics().httpRequest(path, method.name(), response.getStatusCode()));
        }
        switch (path) {
            case "/v1/chat/completions" -> post(request, () -> completions.handle(request, true));
            case "/v1/completions" -> post(request, () -> completions.handle(request, false));
            case "/v1/models" -> get(request, () -> models.handle(request));
            case "/health" -> get(request, () -> response.setStatusCode(pod.config().ready() ? 200 : 503).end());
            case "/ping" -> get(request, () -> response.setStatusCode(pod.config().ready() ? 200 : 503).end());
            case "/version" -> get(request, () -> json(response, 200, "{\"version\":\"" + VLLM_VERSION + "\"}"));
            case "/metrics" -> get(request, () -> response
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(pod.metrics().scrape()));
            case "/admin/config" -> admin(request, method);
            default -> json(response, 404, "{\"detail\":\"Not Found\"}");
        }
    }

    private void admin(HttpServerRequest request, HttpMethod method) {
        if (method == HttpMethod.GET) {
            json(request.response(), 200, ConfigJson.write(pod.config()).toString());
        } else if (method == HttpMethod.POST) {
            request.body().onSuccess(body -> {
                try {
                    json(request.response(), 200, ConfigJson.write(pod.reconfigure(body.toString())).toString());
                } catch (IllegalArgumentException e) {
                    error(request, VllmErrors.of(400, "Invalid config patch: " + e.getMessage(), null));
                }
            });
        } else {
            json(request.response(), 405, "{\"detail\":\"Method Not Allowed\"}");
        }
    }

    private static void post(HttpServerRequest request, Runnable action) {
        if (request.method() == HttpMethod.POST) {
            action.run();
        } else {
            json(request.response(), 405, "{\"detail\":\"Method Not Allowed\"}");
        }
    }

    private static void get(HttpServerRequest request, Runnable action) {
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            action.run();
        } else {
            json(request.response(), 405, "{\"detail\":\"Method Not Allowed\"}");
        }
    }

    static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }

    static void error(HttpServerRequest request, OpenAiError error) {
        request.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
                .end(Buffer.buffer(error.toJson()));
    }
}
