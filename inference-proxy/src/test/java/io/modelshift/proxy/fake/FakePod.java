package io.modelshift.proxy.fake;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny vLLM stand-in for the proxy's tests (the real simulator lives in its own module): OpenAI endpoints with
 * streaming and usage, a /metrics page whose load numbers the test sets, /health, and failure modes.
 */
public final class FakePod implements AutoCloseable {

    public enum Fail { NONE, HTTP_500, RESET, STREAM_ERROR_FRAME, STREAM_CUT }

    private final Vertx vertx;
    private final String name;
    private volatile HttpServer server;
    private final int port;
    public volatile double waiting;
    public volatile double running;
    public volatile double kv;
    public volatile int healthStatus = 200;
    public volatile boolean metricsSilent;
    public volatile Fail fail = Fail.NONE;
    /** Chunks in a stream and the pause between them. */
    public volatile int streamChunks = 3;
    public volatile long chunkDelayMs = 0;
    public final AtomicInteger served = new AtomicInteger();
    public final AtomicInteger active = new AtomicInteger();
    public volatile String lastBody;

    private FakePod(Vertx vertx, String name, HttpServer server) {
        this.vertx = vertx;
        this.name = name;
        this.server = server;
        this.port = server.actualPort();
    }

    public static FakePod start(Vertx vertx, String name) throws Exception {
        FakePod[] holder = new FakePod[1];
        HttpServer server = vertx.createHttpServer().requestHandler(r -> holder[0].handle(r));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        holder[0] = new FakePod(vertx, name, server);
        return holder[0];
    }

    /** Stops listening and drops every open connection, like a pod that died. */
    public void kill() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Listens again on the same port. */
    public void revive() throws Exception {
        HttpServer fresh = vertx.createHttpServer().requestHandler(this::handle);
        fresh.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server = fresh;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public void reset() {
        waiting = 0;
        running = 0;
        kv = 0;
        healthStatus = 200;
        metricsSilent = false;
        fail = Fail.NONE;
        streamChunks = 3;
        chunkDelayMs = 0;
        served.set(0);
        lastBody = null;
    }

    private void handle(HttpServerRequest r) {
        switch (r.path()) {
            case "/metrics" -> {
                if (!metricsSilent) {
                    r.response().putHeader("content-type", "text/plain; version=0.0.4").end(metrics());
                }
            }
            case "/health" -> r.response().setStatusCode(healthStatus).end();
            case "/v1/models" -> r.response().putHeader("content-type", "application/json")
                    .putHeader("x-inference-pod", name)
                    .end("{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}");
            case "/v1/chat/completions", "/v1/completions", "/v1/embeddings" -> r.body().onSuccess(b -> serve(r, b));
            default -> r.response().setStatusCode(404).end();
        }
    }

    private String metrics() {
        return "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
                + "# TYPE vllm:num_requests_running gauge\n"
                + "vllm:num_requests_running{engine=\"0\",model_name=\"fake-model\"} " + running + "\n"
                + "# TYPE vllm:num_requests_waiting gauge\n"
                + "vllm:num_requests_waiting{engine=\"0\",model_name=\"fake-model\"} " + waiting + "\n"
                + "# TYPE vllm:kv_cache_usage_perc gauge\n"
                + "vllm:kv_cache_usage_perc{engine=\"0\",model_name=\"fake-model\"} " + kv + "\n";
    }

    private void serve(HttpServerRequest r, Buffer body) {
        served.incrementAndGet();
        lastBody = body.toString();
        HttpServerResponse resp = r.response();
        switch (fail) {
            case HTTP_500 -> {
                resp.setStatusCode(500).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"engine died\",\"type\":\"InternalServerError\",\"param\":null,"
                                + "\"code\":500}}");
                return;
            }
            case RESET -> {
                r.connection().close();
                return;
            }
            default -> {
            }
        }
        JsonObject json = body.toJsonObject();
        active.incrementAndGet();
        boolean[] counted = {true};
        Runnable release = () -> {
            if (counted[0]) {
                counted[0] = false;
                active.decrementAndGet();
            }
        };
        resp.closeHandler(v -> release.run());
        resp.putHeader("x-inference-pod", name);
        if (!json.getBoolean("stream", false)) {
            vertx.setTimer(Math.max(1, chunkDelayMs), t -> {
                release.run();
                resp.putHeader("content-type", "application/json").end(new JsonObject()
                        .put("id", "cmpl-1").put("object", "chat.completion").put("model", json.getString("model"))
                        .put("choices", new io.vertx.core.json.JsonArray().add(new JsonObject().put("index", 0)
                                .put("message", new JsonObject().put("role", "assistant").put("content", "hi from " + name))
                                .put("finish_reason", "stop")))
                        .put("usage", new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 5)
                                .put("total_tokens", 15)).encode());
            });
            return;
        }
        boolean usage = json.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        streamChunk(r, 0, usage, release);
    }

    private void streamChunk(HttpServerRequest r, int i, boolean usage, Runnable release) {
        HttpServerResponse resp = r.response();
        if (resp.closed()) {
            release.run();
            return;
        }
        if (i == streamChunks) {
            if (usage) {
                resp.write("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":" + streamChunks
                        + ",\"total_tokens\":" + (10 + streamChunks) + "}}\n\n");
            }
            release.run();
            resp.end("data: [DONE]\n\n");
            return;
        }
        if (i == 1 && fail == Fail.STREAM_CUT) {
            release.run();
            r.connection().close();
            return;
        }
        if (i == 1 && fail == Fail.STREAM_ERROR_FRAME) {
            release.run();
            resp.write("data: {\"error\":{\"message\":\"engine failed mid-stream\",\"type\":\"InternalServerError\","
                    + "\"param\":null,\"code\":500}}\n\n");
            resp.end("data: [DONE]\n\n");
            return;
        }
        String finish = i == streamChunks - 1 ? "\"stop\"" : "null";
        resp.write("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"t" + i + "\"},\"finish_reason\":" + finish + "}]}\n\n");
        vertx.setTimer(Math.max(1, chunkDelayMs), t -> streamChunk(r, i + 1, usage, release));
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
