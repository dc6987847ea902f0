package io.modelshift.gateway.it;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/** An ingest endpoint that keeps every record it receives; {@code GET /records} returns them. */
final class RecordSink {

    final HttpServer server;
    final JsonArray records = new JsonArray();

    RecordSink(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.method().name().equals("POST")) {
                req.body().onSuccess(b -> {
                    JsonObject batch = b.toJsonObject();
                    synchronized (records) {
                        batch.getJsonArray("records").forEach(records::add);
                    }
                    req.response().putHeader("content-type", "application/json")
                            .end("{\"accepted\":" + batch.getJsonArray("records").size()
                                    + ",\"duplicates\":0,\"rejected\":0}");
                });
            } else {
                synchronized (records) {
                    req.response().putHeader("content-type", "application/json").end(records.encode());
                }
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Waits up to 10 s for the record with this id to reach the sink at {@code sinkUrl}. */
    static io.restassured.path.json.JsonPath await(String sinkUrl, String id) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            java.util.List<java.util.Map<String, Object>> found = io.restassured.RestAssured.given()
                    .get(sinkUrl + "/records").jsonPath().getList("findAll { it.id == '" + id + "' }");
            return found.isEmpty() ? null
                    : new io.restassured.path.json.JsonPath(io.vertx.core.json.Json.encode(found.get(0)));
        }, r -> r != null);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }
}
