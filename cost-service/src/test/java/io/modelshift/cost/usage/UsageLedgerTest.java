package io.modelshift.cost.usage;

import io.modelshift.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class UsageLedgerTest {

    /** A traffic record as the gateway sends it, in a given month so each test reads only its own rows. */
    public static String record(String id, String time, String tenant, String variant, long in, long out) {
        return """
                {"id":"%s","time":"%s","tenant":"%s","apiKeyId":"k1","route":"chat","variant":"%s",
                 "upstreamModel":"meta-llama/Meta-Llama-3-70B-Instruct","endpoint":"chat.completions","stream":false,
                 "status":200,"latencyMs":850.0,"ttftMs":120.0,"promptTokens":%d,"completionTokens":%d,
                 "stickyBucket":-1,"shadow":false,"fallback":false,"overheadMs":1.5,"requestedJson":false}"""
                .formatted(id, time, tenant, variant, in, out);
    }

    public static String batch(List<String> records) {
        return "{\"source\":\"gw-1\",\"records\":[" + String.join(",", records) + "]}";
    }

    static void post(String body, int accepted, int duplicates, int rejected) {
        given().contentType(ContentType.JSON).body(body).post("/v1/usage").then().statusCode(200)
                .body("accepted", equalTo(accepted)).body("duplicates", equalTo(duplicates))
                .body("rejected", equalTo(rejected));
    }

    @Test
    void duplicateAndOutOfOrderBatchesStoreEachRequestOnce() {
        String run = UUID.randomUUID().toString();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(run + "-" + i, "2026-03-0" + (1 + i % 9) + "T10:00:00Z", "t-" + run, "v1", 100, 50));
        }
        post(batch(records.subList(5, 10)), 5, 0, 0);                   // the later half first
        post(batch(records.subList(0, 7)), 5, 2, 0);                    // overlaps 5 and 6
        List<String> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled);
        post(batch(shuffled), 0, 10, 0);                                // a full replay, any order
        List<String> twice = new ArrayList<>(records.subList(0, 2));
        twice.addAll(records.subList(0, 2));
        post(batch(twice), 0, 4, 0);                                    // repeated within a batch

        given().queryParam("month", "2026-03").get("/v1/usage").then().statusCode(200)
                .body("lines.findAll { it.tenant == 't-" + run + "' }", hasSize(1))
                .body("lines.find { it.tenant == 't-" + run + "' }.requests", equalTo(10))
                .body("lines.find { it.tenant == 't-" + run + "' }.inputTokens", equalTo(1000))
                .body("lines.find { it.tenant == 't-" + run + "' }.outputTokens", equalTo(500));
    }

    @Test
    void shadowCopiesAreThePlatformsUsageNotTheTenants() {
        // the gateway records a mirrored copy under the client's tenant; the client never got that answer
        String run = UUID.randomUUID().toString();
        String variant = "v-" + run;
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(record(run + "-" + i, "2026-07-02T10:00:00Z", "t-" + run, variant, 100, 50));
        }
        records.add(record(run + "-0-shadow", "2026-07-02T10:00:00Z", "t-" + run, variant, 100, 50)
                .replace("\"shadow\":false", "\"shadow\":true"));
        post(batch(records), 4, 0, 0);
        given().queryParam("month", "2026-07").get("/v1/usage").then().statusCode(200)
                .body("lines.find { it.tenant == 't-" + run + "' }.requests", equalTo(3))
                // the canary's GPUs served it all the same: it stays in the variant's usage, under the platform
                .body("lines.find { it.tenant == '(shadow)' && it.variant == '" + variant + "' }.requests", equalTo(1))
                .body("lines.find { it.tenant == '(shadow)' && it.variant == '" + variant + "' }.inputTokens",
                        equalTo(100));
    }

    @Test
    void aBatchOfTextsAtTheGatewaysLimitIsAccepted() {
        // the gateway sends the same batch to every sink, texts included: 400 records with a prompt and a completion
        // of records.max-text-chars (16384) each are about 13 MB, over Quarkus' default body limit of 10 MB
        String run = UUID.randomUUID().toString();
        String text = "x".repeat(16_384);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(record(run + "-" + i, "2026-06-02T10:00:00Z", "t-" + run, "v1", 10, 10)
                    .replace("\"requestedJson\":false}", "\"requestedJson\":false,\"promptText\":\"" + text
                            + "\",\"completionText\":\"" + text + "\"}"));
        }
        post(batch(records), 400, 0, 0);
    }

    @Test
    void aBatchThatFailsInTheDatabaseLeavesNothingWritten() {
        String run = UUID.randomUUID().toString();
        String good = record(run + "-ok", "2026-04-02T10:00:00Z", "t-" + run, "v1", 10, 10);
        // PostgreSQL refuses NUL in text: the second insert fails after the first succeeded inside the transaction
        String bad = record(run + "-bad", "2026-04-02T10:00:00Z", "t-" + run + "\\u0000", "v1", 10, 10);
        given().contentType(ContentType.JSON).body(batch(List.of(good, bad))).post("/v1/usage").then()
                .statusCode(503).body("error.code", equalTo("ledger_unavailable"));
        given().queryParam("month", "2026-04").get("/v1/usage").then().statusCode(200)
                .body("lines.findAll { it.tenant.startsWith('t-" + run + "') }", hasSize(0));
        post(batch(List.of(good)), 1, 0, 0);                            // the good record was not half-written
    }

    @Test
    void invalidRecordsAreRejectedAndMalformedBatchesRefused() {
        String run = UUID.randomUUID().toString();
        post(batch(List.of(record(run + "-1", "2026-05-02T10:00:00Z", "t", "v", 10, 10),
                record(run + "-2", "2026-05-02T10:00:00Z", "t", "v", -5, 10))), 1, 0, 1);
        // a record that cannot be read (no id) is counted as rejected; it never costs the rest of its batch
        post("{\"source\":\"gw\",\"records\":[{\"time\":\"2026-05-02T10:00:00Z\"}, "
                + record(run + "-3", "2026-05-02T10:00:00Z", "t", "v", 10, 10) + "]}", 1, 0, 1);
        given().contentType(ContentType.JSON).body("{\"source\":\"gw\"}").post("/v1/usage").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo("records"));
        given().contentType(ContentType.JSON).body("{\"records\":[").post("/v1/usage").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
        given().queryParam("from", "yesterday").get("/v1/usage").then().statusCode(400)
                .body("error.code", equalTo("invalid_period"));
    }
}
