package io.modelshift.gateway.it;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against in-process fake upstreams: streaming, fallback, breaker, failures, shadow, records. */
@QuarkusTest
class RelayTest {

    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

    @TestHTTPResource("/")
    URL gateway;
    @ConfigProperty(name = "test.fake-a")
    String fakeA;
    @ConfigProperty(name = "test.fake-b")
    String fakeB;
    @ConfigProperty(name = "test.fake-c")
    String fakeC;
    @ConfigProperty(name = "test.sink")
    String sink;
    @ConfigProperty(name = "modelshift.gateway.routes-file")
    Path routesFile;

    @AfterEach
    void resetFakes() {
        for (String f : List.of(fakeA, fakeB, fakeC)) {
            given().post(f + "/control/reset").then().statusCode(200);
        }
    }

    static String chat(String model, String extra) {
        return CHAT.formatted(model, extra);
    }

    static Response send(String body, Map<String, String> headers) {
        return given().header("authorization", "Bearer sk-client").headers(headers).contentType(ContentType.JSON)
                .body(body).post("/v1/chat/completions");
    }

    JsonPath record(String id) {
        return RecordSink.await(sink, id);
    }

    @Test
    void nonStreamedAnswerIsRelayedWithHeadersUsageAndRecord() {
        Response r = send(chat("chat", ""), Map.of("x-session-id", "alice", "x-request-id", "rid-nonstream-1"));
        r.then().statusCode(200).header("x-request-id", "rid-nonstream-1")
                .header("x-modelshift-overhead-ms", org.hamcrest.Matchers.matchesPattern("\\d+\\.\\d{3}"))
                .body("choices[0].message.content", containsString("Hello from"));
        String variant = r.header("x-modelshift-variant");
        String upstreamModel = variant.equals("chat-stable") ? "meta-llama/Llama-2-70b-chat-hf"
                : "meta-llama/Meta-Llama-3-70B-Instruct";
        assertEquals(upstreamModel, r.jsonPath().getString("model"), "model name rewritten for the upstream");
        JsonPath rec = record("rid-nonstream-1");
        assertEquals("acme", rec.getString("tenant"));
        assertEquals("client", rec.getString("apiKeyId"));
        assertEquals("chat", rec.getString("route"));
        assertEquals(variant, rec.getString("variant"));
        assertEquals(upstreamModel, rec.getString("upstreamModel"));
        assertEquals("chat.completions", rec.getString("endpoint"));
        assertEquals(200, rec.getInt("status"));
        assertEquals("NONE", rec.getString("errorType"));
        assertEquals(7, rec.getInt("promptTokens"));
        assertEquals(5, rec.getInt("completionTokens"));
        assertEquals("stop", rec.getString("finishReason"));
        assertEquals(io.modelshift.gateway.routing.StickyBucketer.bucket("chat", "alice"), rec.getInt("stickyBucket"));
        assertTrue(rec.getDouble("overheadMs") >= 0);
        assertNull(rec.get("promptText"), "privacy mode is on by default");
        assertNull(rec.get("completionText"));
    }

    @Test
    void sameSessionAlwaysGetsTheSameVariant() {
        for (String session : List.of("s-1", "s-2", "s-3", "s-4", "s-5", "s-6")) {
            String first = send(chat("chat", ""), Map.of("x-session-id", session)).header("x-modelshift-variant");
            int bucket = io.modelshift.gateway.routing.StickyBucketer.bucket("chat", session);
            assertEquals(bucket < 5000 ? "chat-canary" : "chat-stable", first);
            for (int i = 0; i < 5; i++) {
                assertEquals(first, send(chat("chat", ""), Map.of("x-session-id", session))
                        .header("x-modelshift-variant"));
            }
        }
    }

    @Test
    void variantNameAsModelPinsTheVariant() {
        send(chat("chat-canary", ""), Map.of()).then().statusCode(200).header("x-modelshift-variant", "chat-canary");
    }

    @Test
    void embeddingsAreRelayed() {
        Response r = given().header("authorization", "Bearer sk-client").contentType(ContentType.JSON)
                .body("{\"model\":\"embed\",\"input\":\"hello\"}").post("/v1/embeddings");
        r.then().statusCode(200).body("model", equalTo("e5-large")).body("data[0].embedding.size()", equalTo(2));
        assertEquals(4, record(r.header("x-request-id")).getInt("promptTokens"));
    }

    @Test
    void streamFirstChunkArrivesBeforeTheUpstreamFinishes() throws Exception {
        given().post(fakeA + "/control/stream/6/200").then().statusCode(200);
        given().post(fakeB + "/control/stream/6/200").then().statusCode(200);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(gateway + "v1/chat/completions"))
                .header("authorization", "Bearer sk-client").header("content-type", "application/json")
                .header("x-request-id", "rid-stream-1")
                .POST(HttpRequest.BodyPublishers.ofString(chat("chat", ",\"stream\":true"))).build();
        long start = System.nanoTime();
        HttpResponse<Stream<String>> resp = client.send(req, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        assertEquals("text/event-stream", resp.headers().firstValue("content-type").orElse(""));
        List<String> events = new ArrayList<>();
        long[] firstAt = {-1};
        resp.body().filter(l -> l.startsWith("data:")).forEach(l -> {
            if (firstAt[0] < 0) {
                firstAt[0] = System.nanoTime() - start;
            }
            events.add(l);
        });
        long total = System.nanoTime() - start;
        // the upstream needs 5 x 200 ms after its first chunk: the first chunk must reach us well before the end
        assertTrue(total - firstAt[0] > Duration.ofMillis(700).toNanos(), "first chunk after " + firstAt[0] / 1e6
                + " ms of " + total / 1e6 + " ms");
        assertEquals("data: [DONE]", events.get(events.size() - 1));
        assertFalse(events.stream().anyMatch(e -> e.contains("\"usage\"")),
                "the usage chunk the gateway asked for is stripped: the client did not ask");
        JsonPath rec = record("rid-stream-1");
        assertEquals(6, rec.getInt("completionTokens"), "tokens counted from the forced usage chunk");
        assertEquals(7, rec.getInt("promptTokens"));
        assertTrue(rec.getBoolean("stream"));
        assertTrue(rec.getDouble("ttftMs") > 0 && rec.getDouble("ttftMs") < rec.getDouble("latencyMs"));
        String sentUpstream = given().get(fakeA + "/control/stats").jsonPath().getString("lastBody")
                + given().get(fakeB + "/control/stats").jsonPath().getString("lastBody");
        assertTrue(sentUpstream.contains("\"include_usage\":true"), sentUpstream);
    }

    @Test
    void streamKeepsUsageWhenTheClientAskedForIt() throws Exception {
        String body = chat("chat", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        String text = send(body, Map.of()).then().statusCode(200).extract().asString();
        assertTrue(text.contains("\"usage\""), text);
        assertTrue(text.endsWith("data: [DONE]\n\n"));
    }

    @Test
    void failureBeforeTheFirstByteFallsBackToStable() {
        given().post(fakeC + "/control/mode/http_500").then().statusCode(200);
        Response r = send(chat("flaky", ""), Map.of());
        r.then().statusCode(200).header("x-modelshift-variant", "flaky-stable")
                .header("x-modelshift-fallback", "true");
        JsonPath rec = record(r.header("x-request-id"));
        assertTrue(rec.getBoolean("fallback"));
        assertEquals("flaky-stable", rec.getString("variant"));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("modelshift_gateway_fallbacks_total{from=\"flaky-canary\",reason=\"http_500\""),
                metrics.lines().filter(l -> l.contains("fallbacks")).toList().toString());
    }

    @Test
    void firstByteTimeoutFallsBackToStable() {
        given().post(fakeC + "/control/mode/hang").then().statusCode(200);
        int cancelledBefore = given().get(fakeC + "/control/stats").jsonPath().getInt("cancelled"); // across tests
        long start = System.nanoTime();
        Response r = send(chat("flaky-hang", ",\"stream\":true"), Map.of());
        long took = System.nanoTime() - start;
        r.then().statusCode(200).header("x-modelshift-variant", "flaky-hang-stable");
        assertTrue(r.asString().endsWith("data: [DONE]\n\n"));
        assertTrue(took >= Duration.ofMillis(1900).toNanos() && took < Duration.ofSeconds(10).toNanos(),
                "first-byte timeout is 2 s, took " + took / 1e6);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get(fakeC + "/control/stats").jsonPath().getInt("cancelled") > cancelledBefore);
    }

    @Test
    void aWholeAnswerMayTakeLongerThanTheFirstByteTimeout() {
        // vLLM sends a non-streamed answer only once it is generated: 3 s here, past the 2 s first-byte timeout
        given().post(fakeC + "/control/mode/slow_3000").then().statusCode(200);
        Response r = send(chat("flaky-hang", ""), Map.of());
        r.then().statusCode(200).header("x-modelshift-variant", "flaky-hang-canary")
                .body("choices[0].message.content", containsString("Hello from"));
        assertEquals(null, r.header("x-modelshift-fallback"), "served by the variant it was sent to");
    }

    @Test
    void anUpstreamsRetryAfterReachesTheClient() {
        // addressed by its own name, the variant has no fallback: its 429 is the client's answer, with its wait
        given().post(fakeC + "/control/mode/busy").then().statusCode(200);
        send(chat("flaky-hang-canary", ""), Map.of()).then().statusCode(429).header("retry-after", "7")
                .body("error.code", equalTo("pool_saturated"));
    }

    @Test
    void errorFrameBeforeAnyContentFallsBack() {
        given().post(fakeC + "/control/mode/error_frame").then().statusCode(200);
        send(chat("flaky-frame", ",\"stream\":true"), Map.of()).then().statusCode(200)
                .header("x-modelshift-variant", "flaky-frame-stable").body(containsString("[DONE]"));
    }

    @Test
    void deadVariantIsTakenOutByTheCircuitBreaker() {
        for (int i = 0; i < 6; i++) {
            Response r = send(chat("dead", ""), Map.of());
            r.then().statusCode(200).header("x-modelshift-variant", "dead-stable")
                    .header("x-modelshift-fallback", "true");
            JsonPath rec = record(r.header("x-request-id"));
            // as the gateway measured it (a stalled test JVM must not count): never the 2 s connect timeout
            assertTrue(rec.getDouble("latencyMs") < 1500, "served in " + rec.getDouble("latencyMs") + " ms");
            // the record names the variant that failed, so the evaluation service counts the failure against it
            assertEquals("dead-stable", rec.getString("variant"));
            assertTrue(rec.getBoolean("fallback"));
            assertEquals("dead-canary", rec.getString("fallbackFrom"));
        }
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("modelshift_gateway_circuit_state{variant=\"dead-canary\"} 2.0"),
                metrics.lines().filter(l -> l.contains("circuit")).toList().toString());
        assertTrue(metrics.contains("from=\"dead-canary\",reason=\"circuit_open\""),
                "after 3 failures requests skip the dead variant without trying it");
    }

    @Test
    void midStreamResetEndsWithAnErrorFrameNotASilent200() {
        given().post(fakeC + "/control/mode/stream_cut").then().statusCode(200);
        Response r = send(chat("solo", ",\"stream\":true"), Map.of());
        String text = r.then().statusCode(200).extract().asString();
        assertTrue(text.contains("tok0") && text.contains("tok1"), text);
        assertTrue(text.contains("data: {\"error\":{"), text);
        assertFalse(text.contains("[DONE]"), "a broken stream never ends with [DONE]");
        JsonPath rec = record(r.header("x-request-id"));
        assertEquals("UPSTREAM", rec.getString("errorType"));
    }

    @Test
    void streamEndingWithoutDoneGetsAnErrorFrame() {
        given().post(fakeC + "/control/mode/stream_end").then().statusCode(200);
        String text = send(chat("solo-end", ",\"stream\":true"), Map.of()).then().statusCode(200).extract()
                .asString();
        assertTrue(text.contains("\"code\":\"stream_cut\""), text);
        assertFalse(text.contains("[DONE]"));
    }

    @Test
    void upstreamErrorWithoutFallbackIsRelayedInTheEnvelope() {
        given().post(fakeC + "/control/mode/http_500").then().statusCode(200);
        send(chat("solo-err", ""), Map.of()).then().statusCode(500).body("error.message", equalTo("boom"));
    }

    @Test
    void clientDisconnectCancelsTheUpstream() throws Exception {
        given().post(fakeC + "/control/stream/50/100").then().statusCode(200);
        JsonPath before = given().get(fakeC + "/control/stats").jsonPath();
        int cancelledBefore = before.getInt("cancelled");
        int openBefore = before.getInt("open");
        String body = chat("slow", ",\"stream\":true");
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-client\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.contains("tok0")) {
                // read until the first content chunk
            }
            assertNotNull(line);
            assertEquals(openBefore + 1, given().get(fakeC + "/control/stats").jsonPath().getInt("open"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonPath stats = given().get(fakeC + "/control/stats").jsonPath();
            return stats.getInt("cancelled") > cancelledBefore && stats.getInt("open") == openBefore;
        });
    }

    @Test
    void shadowCopyGoesToTheOtherVariantAndBothAreRecordedAsAPair() {
        int bBefore = given().get(fakeB + "/control/stats").jsonPath().getInt("requests");
        Response r = send(chat("shadowed", ""), Map.of());
        r.then().statusCode(200).header("x-modelshift-variant", "sh-stable")
                .body("choices[0].message.content", equalTo("Hello from pod-a"));
        String id = r.header("x-request-id");
        JsonPath served = record(id);
        JsonPath shadow = record(id + "-shadow");
        assertEquals(id, served.getString("shadowPairId"));
        assertEquals(id, shadow.getString("shadowPairId"));
        assertFalse(served.getBoolean("shadow"));
        assertTrue(shadow.getBoolean("shadow"));
        assertEquals("sh-canary", shadow.getString("variant"));
        assertEquals(5, shadow.getInt("completionTokens"));
        assertTrue(given().get(fakeB + "/control/stats").jsonPath().getInt("requests") > bBefore);
    }

    @Test
    void shadowFailureNeverFailsTheClient() {
        // the shadow target fake-b hangs; the client still gets its answer at once
        given().post(fakeB + "/control/mode/hang").then().statusCode(200);
        Response r = send(chat("shadowed", ""), Map.of());
        r.then().statusCode(200).header("x-modelshift-variant", "sh-stable");
        // the gateway's own measure, not the client's: a relay that waited for the shadow would take the 2 s
        // first-byte timeout, while a stalled test JVM must not fail this
        double latencyMs = record(r.header("x-request-id")).getDouble("latencyMs");
        assertTrue(latencyMs < 1500, "served in " + latencyMs + " ms");
    }

    @Test
    void routesFileReloadsWithoutRestart() throws Exception {
        String before = Files.readString(routesFile);
        try {
            Files.writeString(routesFile, before.replace("weight: 7}", "weight: 3}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> given().header("authorization", "Bearer sk-admin")
                    .get("/admin/routes").jsonPath().getInt("routes.reload.weights.reload-a") == 3);
            Files.writeString(routesFile, "routes: [ {name: broken} ]");
            Thread.sleep(600);
            assertEquals(3, given().header("authorization", "Bearer sk-admin").get("/admin/routes").jsonPath()
                    .getInt("routes.reload.weights.reload-a"), "a broken file keeps the previous table");
        } finally {
            Files.writeString(routesFile, before);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> given().header("authorization", "Bearer sk-admin")
                .get("/admin/routes").jsonPath().getInt("routes.reload.weights.reload-a") == 7);
    }

    @Test
    void adminUpdateChangesWeightsAndObservedTrafficFollows() {
        try {
            given().header("authorization", "Bearer sk-admin").contentType(ContentType.JSON)
                    .body("{\"weights\":{\"chat-stable\":0,\"chat-canary\":1}}").post("/admin/routes/chat")
                    .then().statusCode(200).body("routes.chat.weights.chat-canary", equalTo(1));
            for (int i = 0; i < 5; i++) {
                send(chat("chat", ""), Map.of("x-session-id", "u" + i)).then()
                        .header("x-modelshift-variant", "chat-canary");
            }
            assertTrue(given().header("authorization", "Bearer sk-admin").get("/admin/routes").jsonPath()
                    .getInt("routes.chat.observed.chat-canary") >= 5);
        } finally {
            given().header("authorization", "Bearer sk-admin").contentType(ContentType.JSON)
                    .body("{\"weights\":{\"chat-stable\":50,\"chat-canary\":50}}").post("/admin/routes/chat")
                    .then().statusCode(200);
        }
    }

    @Test
    void metricsAreExposed() {
        send(chat("chat", ""), Map.of()).then().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        for (String name : List.of("modelshift_gateway_requests_total", "modelshift_gateway_request_duration_seconds",
                "modelshift_gateway_ttft_seconds", "modelshift_gateway_overhead_seconds",
                "modelshift_gateway_tokens_total", "modelshift_gateway_route_weight",
                "modelshift_gateway_records_dropped_total", "modelshift_gateway_circuit_state")) {
            assertTrue(metrics.contains(name), name + " missing");
        }
        // the overhead histogram's sub-second buckets count (a DistributionSummary in seconds left them all empty)
        java.util.regex.Matcher bucket = java.util.regex.Pattern.compile(
                "modelshift_gateway_overhead_seconds_bucket\\{le=\"0\\.05\",?} ([0-9.E]+)").matcher(metrics);
        assertTrue(bucket.find(), "no 50 ms overhead bucket in:\n" + metrics);
        assertTrue(Double.parseDouble(bucket.group(1)) >= 1, "no request counted under 50 ms of gateway overhead");
    }
}
