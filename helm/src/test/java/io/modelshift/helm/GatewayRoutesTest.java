package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's route file: proxies are called over h2c unless told otherwise, and the gateway reads what renders. */
class GatewayRoutesTest {

    private static String routes(RenderedChart chart) {
        return chart.get(ConfigMap.class, "ms-modelshift-gateway-routes").getData().get("routes.yaml");
    }

    @Test
    void proxiesAreCalledOverH2cByDefault() {
        String routes = routes(ChartUnderTest.render("canary"));
        assertTrue(routes.contains("      - name: llama-2-70b\n"
                + "        url: http://ms-modelshift-proxy-llama-2-70b:8100/v1\n"
                + "        model: llama-2-70b\n"
                + "        weight: 100\n"
                + "        protocol: h2c\n"), routes);
        assertTrue(routes.contains("weight: 0\n        protocol: h2c\n"), routes);
    }

    @Test
    void http11IsSelectableGloballyOrPerModel() {
        String global = routes(ChartUnderTest.render(Map.of("proxy.protocol", "http/1.1"), "canary"));
        assertEquals(2, global.split("protocol: http/1.1\n", -1).length - 1, global);
        assertTrue(!global.contains("h2c"), global);
        // llama-3-70b, the canary, says http/1.1 for itself: only its variant changes
        String perModel = routes(ChartUnderTest.render("proxy-protocol-per-model"));
        assertTrue(perModel.contains("weight: 100\n        protocol: h2c\n"), perModel);
        assertTrue(perModel.contains("weight: 0\n        protocol: http/1.1\n"), perModel);
    }

    @Test
    void unknownProtocolsAreRejectedByTheSchema() {
        Exception e = assertThrows(Exception.class, () -> ChartUnderTest.render(Map.of("proxy.protocol", "http2")));
        assertTrue(e.getMessage().contains("proxy.protocol"), e.getMessage());
        e = assertThrows(Exception.class, () -> ChartUnderTest.render(Map.of("models[0].proxyProtocol", "grpc")));
        assertTrue(e.getMessage().contains("models.0.proxyProtocol"), e.getMessage());
    }

    /**
     * The rendered route file, unchanged but for the proxy's address, loaded by the packaged gateway in front of the
     * packaged inference-proxy: a completion and a stream come back through the h2c leg.
     */
    @Test
    void packagedGatewayReadsTheRenderedRoutesAndTalksH2cToTheProxy(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(RunningService.runnerOf("gateway-service").isPresent()
                        && RunningService.runnerOf("inference-proxy").isPresent(),
                "gateway-service or inference-proxy is not packaged in this build: the rendered routes are not run");
        String key = "helm-routes-test-key";
        Files.writeString(work.resolve("keys.yaml"), "keys:\n  - {id: helm-test, sha256: " + sha256(key)
                + ", tenant: helm, roles: [client]}\n");
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withModel("llama-2-70b"));
             RunningService proxy = RunningService.start("inference-proxy", Map.of(
                     "modelshift.proxy.discovery.mode", "static", "modelshift.proxy.pods", pod.baseUrl()))) {
            String routes = routes(ChartUnderTest.render(Map.of()))
                    .replace("http://ms-modelshift-proxy-llama-2-70b:8100/v1", proxy.url("/v1"));
            assertTrue(routes.contains("protocol: h2c"), routes);
            Files.writeString(work.resolve("routes.yaml"), routes);
            try (RunningService gateway = RunningService.start("gateway-service", Map.of(
                    "modelshift.gateway.routes-file", work.resolve("routes.yaml").toString(),
                    "modelshift.gateway.access.keys-file", work.resolve("keys.yaml").toString()))) {
                for (boolean stream : new boolean[] {false, true}) {
                    HttpResponse<String> answer = awaitOk(gateway, key, stream);
                    assertEquals(200, answer.statusCode(), answer.body() + "\ngateway log:\n" + gateway.tail()
                            + "\nproxy log:\n" + proxy.tail());
                    assertTrue(stream ? answer.body().contains("data: [DONE]") : answer.body().contains("\"choices\""),
                            answer.body());
                }
            }
        }
    }

    /** The gateway and the proxy may need a moment (routes file, first pod scrape): retry for 10 s. */
    private static HttpResponse<String> awaitOk(RunningService gateway, String key, boolean stream) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama-70b\",\"max_tokens\":4,\"stream\":"
                        + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
        HttpResponse<String> last = null;
        for (int i = 0; i < 100 && (last == null || last.statusCode() != 200); i++) {
            if (last != null) {
                Thread.sleep(100);
            }
            last = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        return last;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
