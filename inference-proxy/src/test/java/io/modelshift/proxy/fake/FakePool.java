package io.modelshift.proxy.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts three {@link FakePod}s before Quarkus boots and points the proxy's static discovery at them. */
public class FakePool implements QuarkusTestResourceLifecycleManager {

    public static final List<FakePod> PODS = new ArrayList<>();
    private static Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            for (String name : List.of("pod-a", "pod-b", "pod-c")) {
                PODS.add(FakePod.start(vertx, name));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start fake pods", e);
        }
        return Map.of("modelshift.proxy.pods", PODS.stream().map(FakePod::baseUrl).collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {
        for (FakePod pod : PODS) {
            try {
                pod.close();
            } catch (Exception ignored) {
                // the JVM is going down anyway
            }
        }
        PODS.clear();
        vertx.close();
    }
}
