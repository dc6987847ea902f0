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
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway in front of in-process simulated vLLM pods (io.modelshift:vllm-simulator). */
@QuarkusTest
class SimulatorRelayTest {

    static final Pattern RUNNING = Pattern.compile("^vllm:num_requests_running\\{[^}]*} ([0-9.]+)$",
            Pattern.MULTILINE);

    @TestHTTPResource("/")
    URL gateway;
    @ConfigProperty(name = "test.sim-old")
    String simOld;
    @ConfigProperty(name = "test.sim-new")
    String simNew;
    @ConfigProperty(name = "test.sink")
    String sink;

    @AfterEach
    void healPods() {
        for (String pod : new String[]{simOld, simNew}) {
            given().contentType(ContentType.JSON).body("{\"failures\":{\"http_500\":0,\"stream_cut\":0,"
                    + "\"stream_error\":0}}").post(pod + "/admin/config").then().statusCode(200);
        }
    }

    static String body(String model, int maxTokens, boolean stream, String user) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + ",\"user\":\"" + user + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";
    }

    static Response send(String body) {
        return given().header("authorization", "Bearer sk-client").contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions");
    }

    static int running(String pod) {
        Matcher m = RUNNING.matcher(given().get(pod + "/metrics").asString());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void streamsFromTheSimulatorWithUsageCounted() {
        Response r = send(body("sim", 12, true, "alice"));
        String text = r.then().statusCode(200).extract().asString();
        assertTrue(text.endsWith("data: [DONE]\n\n"), text);
        assertFalse(text.contains("\"usage\""), "usage chunk stripped for a client that did not ask");
        JsonPath rec = RecordSink.await(sink, r.header("x-request-id"));
        assertEquals(12, rec.getInt("completionTokens"));
        assertTrue(rec.getInt("promptTokens") > 0);
        assertEquals(r.header("x-modelshift-variant"), rec.getString("variant"));
        // stickiness on the OpenAI user field: alice always lands on the same variant
        for (int i = 0; i < 3; i++) {
            assertEquals(r.header("x-modelshift-variant"), send(body("sim", 2, false, "alice"))
                    .header("x-modelshift-variant"));
        }
    }

    @Test
    void clientDisconnectStopsTheGenerationOnThePod() throws Exception {
        String body = body("sim-solo", 400, true, "bob");
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-client\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            int events = 0;
            while ((line = in.readLine()) != null && events < 3) {
                if (line.startsWith("data:")) {
                    events++;
                }
            }
            assertEquals(1, running(simNew), "the pod is generating (400 tokens x 50 ms)");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running(simNew) == 0);
    }

    @Test
    void midStreamCutOnThePodEndsWithAnErrorFrame() {
        given().contentType(ContentType.JSON).body("{\"failures\":{\"stream_cut\":1.0}}")
                .post(simNew + "/admin/config").then().statusCode(200);
        String text = send(body("sim-solo", 20, true, "carol")).then().statusCode(200).extract().asString();
        assertTrue(text.contains("data: {\"error\":{"), text);
        assertFalse(text.contains("[DONE]"), text);
    }

    @Test
    void failingPodFallsBackToStable() {
        given().contentType(ContentType.JSON).body("{\"failures\":{\"http_500\":1.0}}")
                .post(simNew + "/admin/config").then().statusCode(200);
        send(body("sim-flaky", 4, false, "dave")).then().statusCode(200)
                .header("x-modelshift-variant", "sim-flaky-stable").header("x-modelshift-fallback", "true");
    }
}
