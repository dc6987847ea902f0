package io.modelshift.gateway.it;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.modelshift.gateway.it.RelayTest.chat;
import static io.modelshift.gateway.it.RelayTest.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Variants with {@code protocol: h2c}: the gateway calls them over HTTP/2 cleartext (prior knowledge), many requests
 * multiplexed on one connection, with streaming, cancellation, timeouts, fallback and the breaker as over HTTP/1.1.
 * pod-d serves only the h2c routes; pod-a is the h2c stable of the failure routes.
 */
@QuarkusTest
class H2cRelayTest {

    @TestHTTPResource("/")
    URL gateway;
    @ConfigProperty(name = "test.fake-a")
    String fakeA;
    @ConfigProperty(name = "test.fake-d")
    String fakeD;

    @AfterEach
    void resetFakes() {
        for (String f : List.of(fakeA, fakeD)) {
            given().post(f + "/control/reset").then().statusCode(200);
        }
    }

    JsonPath stats(String fake) {
        return given().get(fake + "/control/stats").jsonPath();
    }

    @Test
    void wholeAnswerIsRelayedOverHttp2() {
        Response r = send(chat("h2", ""), Map.of());
        r.then().statusCode(200).header("x-modelshift-variant", "h2-v");
        assertEquals("Hello from pod-d", r.jsonPath().getString("choices[0].message.content"));
        JsonPath s = stats(fakeD);
        assertEquals("HTTP_2", s.getString("lastVersion"), "the upstream saw an HTTP/2 request");
        assertTrue(s.getString("lastBody").contains("\"model\":\"h2-model\""), s.getString("lastBody"));
        assertEquals("h2c", given().header("authorization", "Bearer sk-admin").get("/admin/routes").jsonPath()
                .getString("routes.h2.protocols.h2-v"));
    }

    @Test
    void concurrentStreamsShareOneConnectionPerEventLoop() {
        given().post(fakeD + "/control/stream/5/50").then().statusCode(200);
        send(chat("h2", ""), Map.of()).then().statusCode(200); // connections of earlier tests are open already
        int connectionsBefore = stats(fakeD).getInt("connections");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        int streams = 40;
        for (int i = 0; i < streams; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "v1/chat/completions"))
                    .header("authorization", "Bearer sk-client").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat("h2", ",\"stream\":true"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> resp = call.join();
            assertEquals(200, resp.statusCode(), resp.body());
            assertTrue(resp.body().contains("tok4") && resp.body().endsWith("data: [DONE]\n\n"), resp.body());
            assertFalse(resp.body().contains("\"usage\""), "the usage chunk asked for upstream is stripped");
        }
        int opened = stats(fakeD).getInt("connections") - connectionsBefore;
        // HTTP/1.1 needs a connection per stream in flight (40); the test caps h2c at one connection per event loop
        // (Quarkus runs two event loops per core), so the 40 streams must have been multiplexed
        assertTrue(opened <= Runtime.getRuntime().availableProcessors() * 2, "connections opened: " + opened);
        assertEquals("HTTP_2", stats(fakeD).getString("lastVersion"));
    }

    @Test
    void clientDisconnectResetsTheUpstreamStream() throws Exception {
        given().post(fakeD + "/control/stream/50/100").then().statusCode(200);
        int cancelledBefore = stats(fakeD).getInt("cancelled");
        int openBefore = stats(fakeD).getInt("open");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> resp = client.send(HttpRequest.newBuilder(URI.create(gateway
                        + "v1/chat/completions")).header("authorization", "Bearer sk-client")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("h2", ",\"stream\":true"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            byte[] first = in.readNBytes(64);
            assertTrue(new String(first, StandardCharsets.UTF_8).startsWith("data:"));
            assertEquals(openBefore + 1, stats(fakeD).getInt("open"));
        }
        client.shutdownNow(); // closes the connection: the gateway sees the client go
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonPath s = stats(fakeD);
            return s.getInt("cancelled") > cancelledBefore && s.getInt("open") == openBefore;
        });
        send(chat("h2", ""), Map.of()).then().statusCode(200); // the shared connection survived the reset
    }

    @Test
    void firstByteTimeoutFallsBackToTheStableVariant() {
        given().post(fakeD + "/control/mode/hang").then().statusCode(200);
        int cancelledBefore = stats(fakeD).getInt("cancelled"); // the fake's counters run across tests
        long start = System.nanoTime();
        Response r = send(chat("h2-flaky", ",\"stream\":true"), Map.of());
        long took = System.nanoTime() - start;
        r.then().statusCode(200).header("x-modelshift-variant", "h2-flaky-stable")
                .header("x-modelshift-fallback", "true");
        assertTrue(r.asString().endsWith("data: [DONE]\n\n"));
        assertTrue(took >= Duration.ofMillis(1900).toNanos(), "first-byte timeout is 2 s, took " + took / 1e6);
        assertEquals("HTTP_2", stats(fakeA).getString("lastVersion"));
        await().atMost(Duration.ofSeconds(10)).until(() -> stats(fakeD).getInt("cancelled") > cancelledBefore);
    }

    @Test
    void midStreamConnectionLossEndsWithAnErrorFrame() {
        given().post(fakeD + "/control/mode/stream_cut").then().statusCode(200);
        String text = send(chat("h2", ",\"stream\":true"), Map.of()).then().statusCode(200).extract().asString();
        assertTrue(text.contains("tok1") && text.contains("data: {\"error\":{"), text);
        assertFalse(text.contains("[DONE]"), "a broken stream never ends with [DONE]");
    }

    @Test
    void unreachableH2cVariantFallsBackThenItsBreakerOpens() {
        for (int i = 0; i < 5; i++) {
            send(chat("h2-dead", ""), Map.of()).then().statusCode(200).header("x-modelshift-variant", "h2-dead-stable")
                    .header("x-modelshift-fallback", "true");
        }
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("modelshift_gateway_circuit_state{variant=\"h2-dead-canary\"} 2.0"),
                metrics.lines().filter(l -> l.contains("circuit")).toList().toString());
        assertTrue(metrics.contains("from=\"h2-dead-canary\",reason=\"circuit_open\""), "skipped once open");
    }
}
