package io.modelshift.gateway.rollout;

import io.modelshift.gateway.routing.RouteTable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /admin/rollouts} over the YAML-folder store, in a running gateway. */
@QuarkusTest
@TestProfile(RolloutAdminTest.FileStore.class)
class RolloutAdminTest {

    public static class FileStore implements QuarkusTestProfile {
        static final Path DIR;

        static {
            try {
                DIR = Files.createTempDirectory("rollouts");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelshift.rollout.store", "file", "modelshift.rollout.dir", DIR.toString(),
                    "modelshift.rollout.schedule", "false", "modelshift.gateway.access.open-mode", "true");
        }
    }

    static final String ROLLOUT = """
            apiVersion: modelshift.io/v1alpha1
            kind: ModelRollout
            metadata: {name: chat}
            spec:
              route: chat
              stable: {model: llama-2-70b, upstream: "http://127.0.0.1:9001/v1"}
              canary: {model: llama-3-70b, upstream: "http://127.0.0.1:9002/v1"}
              steps:
                - pause: {}
                - setWeight: 30
                - setWeight: 100
            """;

    @Inject
    RolloutController controller;
    @Inject
    RouteTable table;

    @Test
    void createListActAndDelete() {
        given().body(ROLLOUT).put("/admin/rollouts/chat").then().statusCode(201)
                .body("metadata.name", equalTo("chat")).body("spec.canary.model", equalTo("llama-3-70b"));
        controller.loop().tick();
        given().get("/admin/rollouts").then().statusCode(200)
                .body("store", equalTo("file")).body("items.metadata.name", hasItem("chat"))
                .body("items[0].status.phase", equalTo("Paused"))
                .body("items[0].status.message", containsString("modelshift.io/action=promote"));

        given().post("/admin/rollouts/chat/actions/promote").then().statusCode(202).body("action", equalTo("promote"));
        controller.loop().tick();
        given().get("/admin/rollouts/chat").then().statusCode(200)
                .body("status.desiredWeight", equalTo(30))
                .body("status.lastAction.action", equalTo("promote"))
                .body("status.step", equalTo("2/3"));
        assertEquals(30, table.snapshot().routes().get("chat").variant("llama-3-70b").weight());

        // replace with the same spec (as JSON, spec only): the status is kept
        given().contentType("application/json").body("{\"route\":\"chat\",\"stable\":{\"model\":\"llama-2-70b\",\"upstream\":"
                        + "\"http://127.0.0.1:9001/v1\"},\"canary\":{\"model\":\"llama-3-70b\",\"upstream\":\"http://127.0.0.1:9002/v1\"},"
                        + "\"steps\":[{\"pause\":{}},{\"setWeight\":30},{\"setWeight\":100}]}")
                .put("/admin/rollouts/chat").then().statusCode(200).body("status.step", equalTo("2/3"));

        given().post("/admin/rollouts/chat/actions/abort").then().statusCode(202);
        controller.loop().tick();
        given().get("/admin/rollouts/chat").then().body("status.phase", equalTo("Aborted")).body("status.desiredWeight", equalTo(0));
        assertEquals(0, table.snapshot().routes().get("chat").variant("llama-3-70b").weight());

        given().delete("/admin/rollouts/chat").then().statusCode(204);
        given().get("/admin/rollouts/chat").then().statusCode(404).body("error.code", equalTo("rollout_not_found"));
    }

    @Test
    void badInputGetsTheErrorEnvelope() {
        given().body(ROLLOUT.replace("setWeight: 30", "setWeight: 130")).put("/admin/rollouts/chat").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.code", equalTo("invalid_rollout"))
                .body("error.message", containsString("spec.steps[1].setWeight 130 is out of range 0..100"));
        given().body(ROLLOUT.replace("steps:\n    - pause: {}\n    - setWeight: 30\n    - setWeight: 100\n", "steps: []\n"))
                .put("/admin/rollouts/chat").then().statusCode(400)
                .body("error.message", containsString("spec.steps must list at least one step"));
        given().body(ROLLOUT.replace("http://127.0.0.1:9002/v1", "no-such-variant")).put("/admin/rollouts/chat").then()
                .statusCode(400).body("error.message", containsString("unknown variant"));
        given().body(ROLLOUT).put("/admin/rollouts/other").then().statusCode(400).body("error.param", equalTo("metadata.name"));
        given().body("route: [unclosed").put("/admin/rollouts/chat").then().statusCode(400).body("error.code", equalTo("invalid_rollout"));
        given().body(ROLLOUT).put("/admin/rollouts/chat").then().statusCode(201);
        given().post("/admin/rollouts/chat/actions/rollback").then().statusCode(400)
                .body("error.code", equalTo("invalid_action")).body("error.message", containsString("promote-full"));
        given().post("/admin/rollouts/nope/actions/promote").then().statusCode(404);
        given().delete("/admin/rollouts/chat").then().statusCode(204);
    }
}
