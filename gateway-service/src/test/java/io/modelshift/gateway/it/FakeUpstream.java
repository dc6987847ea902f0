package io.modelshift.gateway.it;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny OpenAI-compatible upstream for gateway tests (until the vllm-simulator is available), controlled over HTTP
 * so that tests in the Quarkus class loader can drive it: {@code POST /control/mode/<mode>}, {@code GET
 * /control/stats} (requests, open and cancelled streams, the last body and HTTP version, connections accepted).
 * Modes: ok, http_500, hang (never answers), stream_cut (2 chunks then connection reset), stream_end (2 chunks then a clean end without [DONE]), error_frame (an error event first).
 */
public final class FakeUpstream {

    final String name;
    final Vertx vertx;
    final HttpServer server;
    final AtomicReference<String> mode = new AtomicReference<>("ok");
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final AtomicReference<String> lastBody = new AtomicReference<>("");
    final AtomicReference<String> lastVersion = new AtomicReference<>("");
    final AtomicInteger connections = new AtomicInteger();
    volatile int chunks = 3;
    volatile long itlMs = 0;

    FakeUpstream(Vertx vertx, String name) throws Exception {
        this.name = name;
        this.vertx = vertx;
        // a Vert.x server also serves h2c (HTTP/2 with prior knowledge) on the same port
        this.server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        if (req.path().startsWith("/control/")) {
            control(req);
            return;
        }
        req.body().onSuccess(buf -> {
            requests.incrementAndGet();
            lastBody.set(buf.toString());
            lastVersion.set(req.version().name());
            JsonObject body = buf.toJsonObject();
            HttpServerResponse resp = req.response().putHeader("x-inference-pod", name);
            switch (mode.get()) {
                case "http_500" -> resp.setStatusCode(500).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"boom\",\"type\":\"InternalServerError\",\"param\":null,"
                                + "\"code\":500}}");
                case "busy" -> resp.setStatusCode(429).putHeader("content-type", "application/json")
                        .putHeader("retry-after", "7").end("{\"error\":{\"message\":\"pool saturated\","
                                + "\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"pool_saturated\"}}");
                case "hang" -> {
                    open.incrementAndGet();
                    resp.closeHandler(v -> {
                        open.decrementAndGet();
                        cancelled.incrementAndGet();
                    });
                }
                default -> {
                    if (req.path().endsWith("/embeddings")) {
                        resp.putHeader("content-type", "application/json").end(new JsonObject()
                                .put("object", "list").put("model", body.getString("model"))
                                .put("data", new JsonArray().add(new JsonObject().put("object", "embedding")
                                        .put("index", 0).put("embedding", new JsonArray().add(0.1).add(0.2))))
                                .put("usage", new JsonObject().put("prompt_tokens", 4).put("total_tokens", 4))
                                .encode());
                    } else if (body.getBoolean("stream", false)) {
                        stream(req, resp, body);
                    } else if (mode.get().startsWith("slow_")) { // like vLLM: a whole answer only once generated
                        vertx.setTimer(Long.parseLong(mode.get().substring("slow_".length())), t -> resp
                                .putHeader("content-type", "application/json").end(completion(body).encode()));
                    } else {
                        resp.putHeader("content-type", "application/json").end(completion(body).encode());
                    }
                }
            }
        });
    }

    private JsonObject completion(JsonObject body) {
        boolean chat = body.containsKey("messages");
        JsonObject choice = new JsonObject().put("index", 0).put("finish_reason", "stop");
        if (chat) {
            choice.put("message", new JsonObject().put("role", "assistant").put("content", "Hello from " + name));
        } else {
            choice.put("text", "Hello from " + name);
        }
        return new JsonObject().put("id", "cmpl-1").put("object", chat ? "chat.completion" : "text_completion")
                .put("created", 1).put("model", body.getString("model"))
                .put("choices", new JsonArray().add(choice))
                .put("usage", new JsonObject().put("prompt_tokens", 7).put("completion_tokens", 5)
                        .put("total_tokens", 12));
    }

    private void stream(HttpServerRequest req, HttpServerResponse resp, JsonObject body) {
        String m = mode.get();
        boolean usage = body.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        open.incrementAndGet();
        boolean[] done = {false};
        resp.closeHandler(v -> {
            open.decrementAndGet();
            if (!done[0]) {
                cancelled.incrementAndGet();
            }
        });
        if ("error_frame".equals(m)) {
            done[0] = true;
            resp.end("data: {\"error\":{\"message\":\"engine dead\",\"type\":\"InternalServerError\",\"param\":null,"
                    + "\"code\":500}}\n\ndata: [DONE]\n\n");
            return;
        }
        int total = "stream_cut".equals(m) || "stream_end".equals(m) ? 2 : chunks;
        sendChunk(req, resp, body, 0, total, usage, m, done);
    }

    private void sendChunk(HttpServerRequest req, HttpServerResponse resp, JsonObject body, int i, int total,
                           boolean usage, String m, boolean[] done) {
        if (resp.closed()) {
            return;
        }
        if (i < total) {
            JsonObject delta = new JsonObject().put("content", "tok" + i + " ");
            if (i == 0) {
                delta.put("role", "assistant");
            }
            resp.write("data: " + chunk(body, new JsonObject().put("index", 0).put("delta", delta)
                    .putNull("finish_reason")).encode() + "\n\n");
            Runnable next = () -> sendChunk(req, resp, body, i + 1, total, usage, m, done);
            if (itlMs > 0) {
                vertx.setTimer(itlMs, t -> next.run());
            } else {
                next.run();
            }
            return;
        }
        if ("stream_cut".equals(m)) {
            req.connection().close();
            return;
        }
        done[0] = true;
        if ("stream_end".equals(m)) {
            resp.end();
            return;
        }
        resp.write("data: " + chunk(body, new JsonObject().put("index", 0).put("delta", new JsonObject())
                .put("finish_reason", "stop")).encode() + "\n\n");
        if (usage) {
            resp.write("data: " + new JsonObject().put("id", "c").put("object", "chat.completion.chunk")
                    .put("model", body.getString("model")).put("choices", new JsonArray())
                    .put("usage", new JsonObject().put("prompt_tokens", 7).put("completion_tokens", total)
                            .put("total_tokens", 7 + total)).encode() + "\n\n");
        }
        resp.end("data: [DONE]\n\n");
    }

    private static JsonObject chunk(JsonObject body, JsonObject choice) {
        return new JsonObject().put("id", "c").put("object", "chat.completion.chunk").put("created", 1)
                .put("model", body.getString("model")).put("choices", new JsonArray().add(choice));
    }

    private void control(HttpServerRequest req) {
        String path = req.path();
        if (path.startsWith("/control/mode/")) {
            mode.set(path.substring("/control/mode/".length()));
            req.response().end(mode.get());
        } else if (path.startsWith("/control/stream/")) {
            String[] parts = path.substring("/control/stream/".length()).split("/");
            chunks = Integer.parseInt(parts[0]);
            itlMs = Long.parseLong(parts[1]);
            req.response().end();
        } else if (path.equals("/control/reset")) {
            mode.set("ok");
            chunks = 3;
            itlMs = 0;
            req.response().end();
        } else {
            req.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("requests", requests.get()).put("open", open.get()).put("cancelled", cancelled.get())
                    .put("mode", mode.get()).put("lastBody", lastBody.get()).put("lastVersion", lastVersion.get())
                    .put("connections", connections.get()).encode());
        }
    }
}
