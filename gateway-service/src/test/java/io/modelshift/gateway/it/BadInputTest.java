package io.modelshift.gateway.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Every kind of bad input gets its OpenAI error envelope and status. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class BadInputTest {

    static final String CHAT = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static io.restassured.response.ValidatableResponse post(String key, String body) {
        return given().header("authorization", "Bearer " + key).contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions").then();
    }

    @Test
    void malformedJson() {
        post("sk-client", "{\"model\":\"chat\",").statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("not valid JSON"))
                .body("error.param", nullValue());
        post("sk-client", "[1,2]").statusCode(400).body("error.message", containsString("JSON object"));
        post("sk-client", "").statusCode(400).body("error.message", containsString("empty"));
    }

    @Test
    void unknownRoute() {
        post("sk-client", CHAT.replace("\"chat\"", "\"gpt-9\"")).statusCode(404)
                .body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"))
                .body("error.type", equalTo("not_found_error"));
    }

    @Test
    void missingModel() {
        post("sk-client", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode(400)
                .body("error.param", equalTo("model")).body("error.code", equalTo("missing_model"));
        post("sk-client", "{\"model\":42,\"messages\":[]}").statusCode(400).body("error.param", equalTo("model"));
    }

    @Test
    void missingMessages() {
        post("sk-client", "{\"model\":\"chat\"}").statusCode(400).body("error.param", equalTo("messages"));
    }

    @Test
    void oversizedBody() {
        String big = "x".repeat(70_000);
        post("sk-client", "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}")
                .statusCode(413).body("error.code", equalTo("request_too_large"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void negativeOrZeroMaxTokens() {
        post("sk-client", CHAT.replace("}]}", "}],\"max_tokens\":-5}")).statusCode(400)
                .body("error.param", equalTo("max_tokens")).body("error.message", containsString("-5"));
        post("sk-client", CHAT.replace("}]}", "}],\"max_completion_tokens\":0}")).statusCode(400)
                .body("error.param", equalTo("max_tokens"));
        post("sk-client", CHAT.replace("}]}", "}],\"max_tokens\":\"ten\"}")).statusCode(400)
                .body("error.param", equalTo("max_tokens"));
    }

    @Test
    void badOrMissingKey() {
        post("sk-wrong", CHAT).statusCode(401).body("error.type", equalTo("authentication_error"))
                .body("error.code", equalTo("invalid_api_key"));
        given().contentType(ContentType.JSON).body(CHAT).post("/v1/chat/completions").then().statusCode(401)
                .body("error.message", containsString("didn't provide an API key"));
        given().header("authorization", "Basic abc").contentType(ContentType.JSON).body(CHAT)
                .post("/v1/chat/completions").then().statusCode(401);
        given().get("/v1/models").then().statusCode(401);
    }

    @Test
    void keyCapOnMaxTokens() {
        post("sk-capped", CHAT.replace("}]}", "}],\"max_tokens\":500}")).statusCode(400)
                .body("error.code", equalTo("max_tokens_too_large"));
        post("sk-capped", CHAT.replace("}]}", "}],\"max_tokens\":50}")).statusCode(200);
    }

    @Test
    void requestsPerMinuteLimitAnswers429WithRetryAfter() {
        post("sk-limited", CHAT).statusCode(200);
        post("sk-limited", CHAT).statusCode(200);
        post("sk-limited", CHAT).statusCode(429).header("retry-after", notNullValue())
                .body("error.type", equalTo("rate_limit_error")).body("error.code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void overrideNeedsTesterRole() {
        given().header("authorization", "Bearer sk-client").header("x-modelshift-variant", "chat-canary")
                .contentType(ContentType.JSON).body(CHAT).post("/v1/chat/completions").then().statusCode(403)
                .body("error.type", equalTo("permission_error"));
        for (int i = 0; i < 5; i++) {
            given().header("authorization", "Bearer sk-qa").header("x-modelshift-variant", "chat-canary")
                    .contentType(ContentType.JSON).body(CHAT).post("/v1/chat/completions").then().statusCode(200)
                    .header("x-modelshift-variant", "chat-canary");
        }
        given().header("authorization", "Bearer sk-qa").header("x-modelshift-variant", "nope")
                .contentType(ContentType.JSON).body(CHAT).post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("unknown_variant"));
    }

    @Test
    void routeRestrictedKeys() {
        post("sk-only-chat", CHAT).statusCode(200);
        post("sk-only-chat", CHAT.replace("\"chat\"", "\"solo\"")).statusCode(403);
        given().header("authorization", "Bearer sk-only-chat").get("/v1/models").then().statusCode(200)
                .body("data.id", hasItem("chat")).body("data.id", not(hasItem("solo")));
    }

    @Test
    void modelsListsRoutesAndVariants() {
        given().header("authorization", "Bearer sk-client").get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem("chat")).body("data.id", hasItem("chat-canary"))
                .body("data.find { it.id == 'chat' }.variants.name", hasItem("chat-stable"));
    }

    @Test
    void unknownEndpoint() {
        given().header("authorization", "Bearer sk-client").get("/v1/assistants").then().statusCode(404)
                .body("error.code", equalTo("unknown_url"));
    }

    @Test
    void adminEndpointsNeedTheAdminRole() {
        given().get("/admin/routes").then().statusCode(401);
        given().header("authorization", "Bearer sk-qa").get("/admin/routes").then().statusCode(403)
                .body("error.type", equalTo("permission_error"));
        given().header("authorization", "Bearer sk-admin").get("/admin/routes").then().statusCode(200)
                .body("routes.chat.weights.chat-canary", equalTo(50));
        given().header("authorization", "Bearer sk-admin").contentType(ContentType.JSON)
                .body("{\"weights\":{\"ghost\":3}}").post("/admin/routes/chat").then().statusCode(400)
                .body("error.message", containsString("ghost"));
    }
}
