package io.modelshift.cost.chargeback;

import io.modelshift.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.modelshift.cost.usage.UsageLedgerTest.batch;
import static io.modelshift.cost.usage.UsageLedgerTest.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/unit-costs/models/{model}}: the measured cost per 1M tokens the rollout's cost gate reads. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ModelUnitCostApiTest {

    /** The test profile's deployment: 1 replica of 2 x A100 80GB, $708.0448 a month amortised, 1,000 tokens/s. */
    static final double MONTHLY = 708.0448;

    static JsonPath get(String model, String... query) {
        var spec = given();
        for (int i = 0; i < query.length; i += 2) {
            spec = spec.queryParam(query[i], query[i + 1]);
        }
        return JsonPath.from(spec.get("/v1/unit-costs/models/" + model).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void aSelfHostedModelCostsItsAmortisedWindowCostOverTheTokensItServed() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(batch(List.of(
                record(run + "-1", "2026-09-01T00:10:00Z", "acme", "llama-3-70b", 1000, 500),
                record(run + "-2", "2026-09-01T00:50:00Z", "beta", "llama-3-70b", 6000, 0),
                record(run + "-3", "2026-09-01T01:10:00Z", "beta", "llama-3-70b", 9000, 0),   // after the window
                record(run + "-4", "2026-09-01T00:20:00Z", "acme", "gpt-4o-mini", 5000, 5000)))) // another model
                .post("/v1/usage").then().statusCode(200);

        JsonPath json = get("llama-3-70b", "from", "2026-09-01T00:00:00Z", "to", "2026-09-01T01:00:00Z");
        double windowCost = MONTHLY * 1 / 730;                     // one hour of a 730-hour month
        assertEquals("self-hosted", json.getString("kind"));
        assertEquals("llama-3-70b", json.getString("deployment"));
        assertEquals(windowCost, json.getDouble("windowCost"), 1e-9);
        assertEquals(7500, json.getLong("tokens"));
        assertEquals(2, json.getLong("requests"));
        assertEquals(7000, json.getLong("inputTokens"));
        assertEquals(windowCost / 7500 * 1e6, json.getDouble("costPerMillionTokens"), 1e-6);
        // at 100 % of 1,000 tokens/s the same deployment costs $708.0448 / 2,628 M tokens
        assertEquals(MONTHLY / 2628, json.getDouble("capacityCostPerMillionTokens"), 1e-9);
        String basis = json.getString("basis");
        assertTrue(basis.contains("$708.04/month amortised x 1.00 h / 730 h") && basis.contains("/ 7500 tokens served (2 requests)"),
                basis);
        assertEquals("2026-09-01T00:00:00Z", json.getString("from"));

        // since= is the same as from=
        assertEquals(json.getDouble("costPerMillionTokens"), get("llama-3-70b", "since", "2026-09-01T00:00:00Z",
                "to", "2026-09-01T01:00:00Z").getDouble("costPerMillionTokens"), 1e-12);
    }

    @Test
    void noUsageYetLeavesTheFigureOutAndSaysWhy() {
        given().queryParam("from", "2019-01-01T00:00:00Z").queryParam("to", "2019-01-02T00:00:00Z")
                .get("/v1/unit-costs/models/llama-3-70b").then().statusCode(200)
                .body("costPerMillionTokens", nullValue())
                .body("tokens", equalTo(0))
                .body("message", startsWith("no usage yet: the ledger has no tokens served by llama-3-70b"));
    }

    @Test
    void anApiModelCostsItsListPriceBlended() {
        // gpt-4: $30 in / $60 out per 1M
        assertEquals(50.0, get("gpt-4", "from", "2019-01-01T00:00:00Z", "to", "2019-01-02T00:00:00Z",
                "inputShare", String.valueOf(1.0 / 3)).getDouble("costPerMillionTokens"), 1e-9);
        JsonPath noUsage = get("gpt-4", "from", "2019-01-01T00:00:00Z", "to", "2019-01-02T00:00:00Z");
        assertEquals(45.0, noUsage.getDouble("costPerMillionTokens"), 1e-9);
        assertEquals("api", noUsage.getString("kind"));
        assertTrue(noUsage.getString("basis").contains("input share 0.5 (no usage"), noUsage.getString("basis"));

        String run = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(batch(List.of(
                record(run + "-1", "2019-03-01T00:10:00Z", "acme", "gpt-4", 3000, 1000)))).post("/v1/usage")
                .then().statusCode(200);
        JsonPath measured = get("gpt-4", "from", "2019-03-01T00:00:00Z", "to", "2019-03-02T00:00:00Z");
        assertEquals(0.75 * 30 + 0.25 * 60, measured.getDouble("costPerMillionTokens"), 1e-9);
        assertEquals(4000, measured.getLong("tokens"));
    }

    @Test
    void unknownModelsAndBadWindowsAnswerInTheOpenAiEnvelope() {
        given().get("/v1/unit-costs/models/gpt-9").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"))
                .body("error.code", equalTo("model_not_found"))
                .body("error.param", equalTo("model"))
                .body("error.message", containsString("no configured deployment"));
        given().queryParam("since", "yesterday").get("/v1/unit-costs/models/gpt-4").then().statusCode(400)
                .body("error.code", equalTo("invalid_period"));
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/v1/unit-costs/models/gpt-4").then().statusCode(400).body("error.code", equalTo("invalid_period"));
        given().queryParam("inputShare", "2").get("/v1/unit-costs/models/gpt-4").then().statusCode(400)
                .body("error.param", equalTo("inputShare"));
    }
}
