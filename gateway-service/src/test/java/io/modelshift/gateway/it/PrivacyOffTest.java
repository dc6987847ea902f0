package io.modelshift.gateway.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With privacy mode off and a sample rate of 1, records carry prompt and completion text. */
@QuarkusTest
@TestProfile(PrivacyOffTest.TextOn.class)
class PrivacyOffTest {

    public static class TextOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelshift.gateway.records.privacy-mode", "false",
                    "modelshift.gateway.records.text-sample-rate", "1.0",
                    "modelshift.gateway.upstream.first-byte-timeout", "10s");
        }
    }

    @ConfigProperty(name = "test.sink")
    String sink;

    @Test
    void sampledRecordsCarryText() {
        String id = given().header("authorization", "Bearer sk-client").header("x-request-id", "rid-text-1")
                .contentType(ContentType.JSON)
                .body("{\"model\":\"chat-stable\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}]}")
                .post("/v1/chat/completions").then().log().ifValidationFails().statusCode(200).extract()
                .header("x-request-id");
        String streamId = given().header("authorization", "Bearer sk-client").header("x-request-id", "rid-text-2")
                .contentType(ContentType.JSON)
                .body("{\"model\":\"chat-stable\",\"stream\":true,\"prompt\":\"x\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Count\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().header("x-request-id");
        JsonPath plain = record(id);
        assertEquals("user: What is 2+2?", plain.getString("promptText"));
        assertEquals("Hello from pod-a", plain.getString("completionText"));
        assertEquals("tok0 tok1 tok2 ", record(streamId).getString("completionText"));
    }

    JsonPath record(String id) {
        return RecordSink.await(sink, id);
    }
}
