package io.modelshift.gateway.it;

import io.modelshift.gateway.access.KeyRing;
import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts three fake upstreams (a: stable pods, b: canary pods, c: the one tests break on purpose) and a record sink,
 * writes a routes file and a keys file for them, and points the gateway at all of it.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private SimulatedVllm simOld;
    private SimulatedVllm simNew;

    @Override
    public Map<String, String> start() {
        try {
            vertx = Vertx.vertx();
            FakeUpstream a = new FakeUpstream(vertx, "pod-a");
            FakeUpstream b = new FakeUpstream(vertx, "pod-b");
            FakeUpstream c = new FakeUpstream(vertx, "pod-c");
            FakeUpstream d = new FakeUpstream(vertx, "pod-d");
            RecordSink sink = new RecordSink(vertx);
            // two in-process simulated vLLM pods: 20 ms to first token, 50 ms between tokens
            simOld = SimulatedVllm.start(SimulatorConfig.defaults().withPodName("sim-old")
                    .withTtftMillis(20).withItlMillis(50));
            simNew = SimulatedVllm.start(SimulatorConfig.defaults().withPodName("sim-new")
                    .withTtftMillis(20).withItlMillis(50));
            int deadPort;
            try (ServerSocket s = new ServerSocket(0)) {
                deadPort = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("gateway-test");
            Path routes = dir.resolve("routes.yaml");
            Files.writeString(routes, routesYaml(a.baseUrl(), b.baseUrl(), c.baseUrl(),
                    "http://127.0.0.1:" + deadPort) + simRoutes(simOld.baseUrl(), simNew.baseUrl())
                    + h2cRoutes(a.baseUrl(), d.baseUrl(), "http://127.0.0.1:" + deadPort));
            Path keys = dir.resolve("keys.yaml");
            Files.writeString(keys, """
                    keys:
                      - {id: client, sha256: %s, tenant: acme, roles: [client]}
                      - {id: admin, sha256: %s, tenant: ops, roles: [admin]}
                      - {id: qa, sha256: %s, tenant: qa, roles: [tester]}
                      - {id: limited, sha256: %s, tenant: acme, roles: [client], rpm: 2}
                      - {id: capped, sha256: %s, tenant: acme, roles: [client], max_tokens: 100}
                      - {id: only-chat, sha256: %s, tenant: acme, roles: [client], routes: [chat]}
                    """.formatted(KeyRing.sha256Hex("sk-client"), KeyRing.sha256Hex("sk-admin"),
                    KeyRing.sha256Hex("sk-qa"), KeyRing.sha256Hex("sk-limited"), KeyRing.sha256Hex("sk-capped"),
                    KeyRing.sha256Hex("sk-only-chat")));
            Map<String, String> config = new HashMap<>();
            config.put("modelshift.gateway.routes-file", routes.toString());
            config.put("modelshift.gateway.access.keys-file", keys.toString());
            config.put("modelshift.gateway.reload-interval", "200ms");
            config.put("modelshift.gateway.max-body-bytes", "65536");
            // the dead sink proves a sink that is down never slows requests
            config.put("modelshift.gateway.records.sinks", sink.url() + "/v1/traffic,http://127.0.0.1:" + deadPort
                    + "/v1/usage");
            config.put("modelshift.gateway.records.flush-interval", "100ms");
            config.put("modelshift.gateway.upstream.first-byte-timeout", "2s");
            config.put("modelshift.gateway.upstream.idle-timeout", "2s");
            config.put("modelshift.gateway.upstream.breaker.consecutive-failures", "3");
            config.put("modelshift.gateway.upstream.h2c-max-connections", "1"); // H2cRelayTest counts connections
            config.put("modelshift.gateway.upstream.breaker.open-duration", "60s");
            config.put("test.fake-a", a.baseUrl());
            config.put("test.fake-b", b.baseUrl());
            config.put("test.fake-c", c.baseUrl());
            config.put("test.fake-d", d.baseUrl());
            config.put("test.sink", sink.url());
            config.put("test.sim-old", simOld.baseUrl());
            config.put("test.sim-new", simNew.baseUrl());
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test upstreams", e);
        }
    }

    static String routesYaml(String a, String b, String c, String dead) {
        return """
                routes:
                  - name: chat
                    stable: chat-stable
                    stickiness: header:x-session-id
                    variants:
                      - {name: chat-stable, url: "%1$s/v1", model: meta-llama/Llama-2-70b-chat-hf, weight: 50}
                      - {name: chat-canary, url: "%2$s/v1", model: meta-llama/Meta-Llama-3-70B-Instruct, weight: 50}
                  - name: flaky
                    stable: flaky-stable
                    variants:
                      - {name: flaky-stable, url: "%1$s/v1", weight: 0}
                      - {name: flaky-canary, url: "%3$s/v1", weight: 1}
                  - name: flaky-hang
                    stable: flaky-hang-stable
                    variants:
                      - {name: flaky-hang-stable, url: "%1$s/v1", weight: 0}
                      - {name: flaky-hang-canary, url: "%3$s/v1", weight: 1}
                  - name: flaky-frame
                    stable: flaky-frame-stable
                    variants:
                      - {name: flaky-frame-stable, url: "%1$s/v1", weight: 0}
                      - {name: flaky-frame-canary, url: "%3$s/v1", weight: 1}
                  - name: dead
                    stable: dead-stable
                    variants:
                      - {name: dead-stable, url: "%1$s/v1", weight: 0}
                      - {name: dead-canary, url: "%4$s/v1", weight: 1}
                  - name: solo
                    variants:
                      - {name: solo-v, url: "%3$s/v1", weight: 1}
                  - name: solo-end
                    variants:
                      - {name: solo-end-v, url: "%3$s/v1", weight: 1}
                  - name: solo-err
                    variants:
                      - {name: solo-err-v, url: "%3$s/v1", weight: 1}
                  - name: slow
                    variants:
                      - {name: slow-v, url: "%3$s/v1", weight: 1}
                  - name: shadowed
                    stable: sh-stable
                    shadow: {fraction: 1.0, target: sh-canary, max_concurrent: 8}
                    variants:
                      - {name: sh-stable, url: "%1$s/v1", weight: 1}
                      - {name: sh-canary, url: "%2$s/v1", weight: 0}
                  - name: reload
                    variants:
                      - {name: reload-a, url: "%1$s/v1", weight: 7}
                  - name: embed
                    variants:
                      - {name: embed-v, url: "%1$s/v1", model: e5-large}
                """.formatted(a, b, c, dead);
    }

    static String simRoutes(String oldPod, String newPod) {
        return """
                  - name: sim
                    stable: sim-stable
                    stickiness: user
                    variants:
                      - {name: sim-stable, url: "%1$s/v1", model: sim-model, weight: 1}
                      - {name: sim-canary, url: "%2$s/v1", model: sim-model, weight: 1}
                  - name: sim-solo
                    variants:
                      - {name: sim-solo-v, url: "%2$s/v1", model: sim-model, weight: 1}
                  - name: sim-flaky
                    stable: sim-flaky-stable
                    variants:
                      - {name: sim-flaky-stable, url: "%1$s/v1", model: sim-model, weight: 0}
                      - {name: sim-flaky-canary, url: "%2$s/v1", model: sim-model, weight: 1}
                """.formatted(oldPod, newPod);
    }

    /** Routes whose upstreams are called over h2c; pod-d serves only these. */
    static String h2cRoutes(String a, String d, String dead) {
        return """
                  - name: h2
                    variants:
                      - {name: h2-v, url: "%2$s/v1", model: h2-model, weight: 1, protocol: h2c}
                  - name: h2-flaky
                    stable: h2-flaky-stable
                    variants:
                      - {name: h2-flaky-stable, url: "%1$s/v1", weight: 0, protocol: h2c}
                      - {name: h2-flaky-canary, url: "%2$s/v1", weight: 1, protocol: h2c}
                  - name: h2-dead
                    stable: h2-dead-stable
                    variants:
                      - {name: h2-dead-stable, url: "%1$s/v1", weight: 0, protocol: h2c}
                      - {name: h2-dead-canary, url: "%3$s/v1", weight: 1, protocol: h2c}
                """.formatted(a, d, dead);
    }

    @Override
    public void stop() {
        if (simOld != null) {
            simOld.close();
        }
        if (simNew != null) {
            simNew.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }
}
