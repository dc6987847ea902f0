package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.gateway.routing.VariantTraffic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real requests through the gateway: the step's clock starts only once the traffic the gateway actually sent
 * matches the rollout's weight, measured from the gateway's own per-variant counters.
 */
@QuarkusTest
@QuarkusTestResource(value = RolloutTrafficResource.class, restrictToAnnotatedClass = true)
class RolloutTrafficTest {

    @Inject
    RolloutController controller;
    @Inject
    VariantTraffic traffic;

    private ModelRolloutStatus status() {
        return controller.loop().store().get("llama-70b").getStatus();
    }

    private void send(int n, int from) {
        for (int i = from; i < from + n; i++) {
            given().contentType(ContentType.JSON).header("x-session-id", "user-" + i)
                    .body("{\"model\":\"llama-70b\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")
                    .post("/v1/chat/completions").then().statusCode(200);
        }
    }

    @Test
    void theStepStartsWhenTheSentTrafficMatchesTheWeight() {
        controller.loop().tick(); // starts: step 1 sets 30%
        assertEquals(30, status().getDesiredWeight());
        controller.loop().tick(); // opens the observation window at 30%
        assertNull(status().getStepStartedAt());
        assertEquals("1/3", status().getStep());

        send(10, 0);
        controller.loop().tick();
        assertEquals("1/3", status().getStep(), "10 requests are too few to verify the split");
        assertTrue(status().getMessage().contains("waiting for the observed canary share"), status().getMessage());

        send(390, 10);
        controller.loop().tick();
        ModelRolloutStatus st = status();
        long canary = traffic.observed("llama-70b").getOrDefault("llama-3-70b", 0L);
        long stable = traffic.observed("llama-70b").getOrDefault("llama-2-70b", 0L);
        assertEquals(400, canary + stable);
        assertNotNull(st.getObservedWeight());
        assertEquals(100.0 * canary / 400, st.getObservedWeight(), 0.1);
        assertTrue(Math.abs(st.getObservedWeight() - 30) <= 5, "observed " + st.getObservedWeight());
        assertEquals("2/3", st.getStep(), st.getMessage());
        assertEquals(RolloutPhase.Paused, st.getPhase());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("modelshift_rollout_desired_weight{canary=\"llama-3-70b\",rollout=\"llama-70b\",route=\"llama-70b\",stable=\"llama-2-70b\"} 30.0"))
                .body(containsString("modelshift_rollout_phase{phase=\"Paused\",rollout=\"llama-70b\",route=\"llama-70b\"} 1.0"));
    }
}
