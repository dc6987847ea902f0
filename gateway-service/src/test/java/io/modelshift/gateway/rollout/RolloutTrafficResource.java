package io.modelshift.gateway.rollout;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two OpenAI-compatible upstreams (stable and canary, each answering a fixed chat completion) and a rollout folder
 * with one ModelRollout routing {@code llama-70b} between them.
 */
public class RolloutTrafficResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            vertx = Vertx.vertx();
            String stable = upstream("llama-2-70b");
            String canary = upstream("llama-3-70b");
            Path dir = Files.createTempDirectory("rollout-traffic");
            Files.writeString(dir.resolve("llama-70b.yaml"), """
                    apiVersion: modelshift.io/v1alpha1
                    kind: ModelRollout
                    metadata: {name: llama-70b}
                    spec:
                      route: llama-70b
                      stable: {model: llama-2-70b, upstream: "%s/v1"}
                      canary: {model: llama-3-70b, upstream: "%s/v1"}
                      stickiness: {key: "header:x-session-id"}
                      steps:
                        - setWeight: 30
                        - pause: {}
                        - setWeight: 100
                    """.formatted(stable, canary));
            return Map.of("modelshift.rollout.store", "file", "modelshift.rollout.dir", dir.toString(),
                    "modelshift.rollout.schedule", "false", "modelshift.gateway.access.open-mode", "true");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the rollout test upstreams", e);
        }
    }

    private String upstream(String model) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
                req.response().putHeader("content-type", "application/json").end("""
                        {"id":"cmpl-1","object":"chat.completion","created":1,"model":"%s","choices":[{"index":0,
                        "message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                        "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""".formatted(model))))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
