package io.modelshift.cost.reports;

import io.modelshift.cost.pricebook.PriceBookStore;
import io.modelshift.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.modelshift.cost.usage.UsageLedgerTest.batch;
import static io.modelshift.cost.usage.UsageLedgerTest.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HTTP API end to end on an embedded PostgreSQL: scenarios, reports, price book, chargeback, budgets, metrics. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CostApiTest {

    static final String CASE = """
            {"name":"case","workload":{"tokensPerMonth":100000000,"requestsPerMonth":1000000,"inputShare":0.3333333333333333,
             "secondsPerRequest":0.5},
             "options":[{"name":"4x A100","type":"onprem","hardware":"a100-40gb","model":"llama-3-70b",
                         "overrides":{"gpusPerReplica":4,"electricityPerKwh":0,"otherOpexPerReplicaMonth":500},
                         "throughputTokensPerSecond":1496,"throughputSource":"vLLM #12315"},
                        {"name":"cheap","type":"api","price":{"inputPerMillion":0.25,"outputPerMillion":0.25}},
                        {"type":"api","model":"gpt-4"}]}""";

    static void ingest(String... records) {
        given().contentType(ContentType.JSON).body(batch(List.of(records))).post("/v1/usage").then().statusCode(200);
    }

    /** acme: 1,000 in + 500 out, beta: 6,000 in, both on the self-hosted llama-3-70b, 0.85 s each. */
    static void ingestAcmeAndBeta(String acmeTime, String betaTime) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ingest(record(run + "-a", acmeTime, "acme", "llama-3-70b", 1000, 500),
                record(run + "-b", betaTime, "beta", "llama-3-70b", 6000, 0));
    }

    @Test
    void scenarioReproducesTheCorrectedCaseStudy() {
        given().contentType(ContentType.JSON).body(CASE).post("/v1/tco/scenarios").then().statusCode(200)
                .body("hoursPerMonth", equalTo(730.0f))
                .body("options[0].month1.amortised", equalTo(1250.0f))
                .body("options[0].utilisation.timeBased.percent", equalTo(19.025875f))
                .body("comparisons.find { it.api == 'gpt-4' }.breakEven.month", equalTo(8))
                .body("comparisons.find { it.api == 'cheap' }.breakEven.never", equalTo(true))
                .body("sensitivity.size()", equalTo(16))
                .body("warnings", hasItem(containsString("under 10%")));
    }

    @Test
    void badScenariosAnswerInTheOpenAiEnvelope() {
        given().contentType(ContentType.JSON).body(CASE.replace("a100-40gb", "tpu-v9")).post("/v1/tco/scenarios")
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("unknown_hardware")).body("error.param", equalTo("options[0].hardware"))
                .body("error.message", containsString("a100-40gb, a100-80gb"));
        given().contentType(ContentType.JSON).body(CASE.replace("\"gpusPerReplica\":4", "\"gpusPerReplica\":1"))
                .post("/v1/tco/scenarios").then().statusCode(400).body("error.code", equalTo("model_does_not_fit"))
                .body("error.message", containsString("it needs 143.9 GB"));
        given().contentType(ContentType.JSON).body(CASE.replace("\"gpt-4\"", "\"gpt-9\"")).post("/v1/tco/scenarios")
                .then().statusCode(400).body("error.code", equalTo("model_not_found"))
                .body("error.message", containsString("gpt-4, gpt-4-turbo"));
        given().contentType(ContentType.JSON).body(CASE.replace("\"inputPerMillion\":0.25", "\"inputPerMillion\":-1"))
                .post("/v1/tco/scenarios").then().statusCode(400).body("error.code", equalTo("invalid_price"));
        given().contentType(ContentType.JSON).body("{\"workload\": 5}").post("/v1/tco/scenarios").then()
                .statusCode(400).body("error.code", equalTo("invalid_json"));
    }

    @Test
    void reportRendersJsonAndHtmlWithABreakEvenChart() {
        given().get("/v1/reports/tco").then().statusCode(200).contentType(ContentType.JSON)
                .body("options.size()", equalTo(6))
                .body("comparisons.find { it.api == 'gpt-4' }.breakEven.never", equalTo(false));
        String html = given().accept("text/html").get("/v1/reports/tco").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("<svg") && html.contains("break-even vs gpt-4")
                && html.contains("<table>") && html.contains("never"), html);
        given().queryParam("format", "pdf").get("/v1/reports/tco").then().statusCode(400);
        given().contentType(ContentType.JSON).body(CASE).queryParam("format", "html").post("/v1/reports/tco").then()
                .statusCode(200).body(containsString("4x A100"));
    }

    @Test
    void priceBookLookupUploadAndRefusal() {
        given().get("/v1/pricebook/gpt-4").then().statusCode(200).body("inputPerToken", equalTo(3.0e-5f));
        given().get("/v1/pricebook/meta-llama/Meta-Llama-3-70B-Instruct").then().statusCode(200)
                .body("model", equalTo("groq/llama3-70b-8192"));
        given().get("/v1/pricebook/gpt-9").then().statusCode(404).body("error.code", equalTo("model_not_found"))
                .body("error.message", containsString("Known models: "));
        int before = given().get("/v1/pricebook").then().extract().path("models");
        given().contentType(ContentType.JSON).body("{\"m\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 1}}")
                .put("/v1/pricebook").then().statusCode(400).body("error.code", equalTo("invalid_price_book"));
        given().get("/v1/pricebook").then().body("models", equalTo(before));            // nothing half-replaced
        try {
            given().contentType(ContentType.JSON).body(PriceBookStore.resource("fixtures/litellm-style.json"))
                    .put("/v1/pricebook").then().statusCode(200).body("models", equalTo(2))
                    .body("skipped.'text-embedding-3-small'", equalTo("missing output_cost_per_token"));
        } finally {
            given().contentType(ContentType.JSON).body(PriceBookStore.resource("defaults/pricebook.json"))
                    .put("/v1/pricebook").then().statusCode(200).body("models", equalTo(before));
        }
    }

    @Test
    void chargebackRowsAddUpToTheTotalInEverySharingMode() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ingest(
                record(run + "-1", "2026-02-03T10:00:00Z", "acme", "llama-3-70b", 1000, 500),
                record(run + "-2", "2026-02-04T10:00:00Z", "beta", "llama-3-70b", 6000, 0),
                record(run + "-3", "2026-02-05T10:00:00Z", "acme", "gpt-4o-mini", 1000000, 1000000));
        // the deployment (2 × A100 80GB) costs 2 × 15,000 / 48 + 0.6 kW × 730 h × 1.58 × $0.12 = $708.0448 a month
        double period = 708.0448 * 672 / 730;                     // February 2026 has 672 hours
        for (String idle : List.of("none", "weighted", "even")) {
            JsonPath json = JsonPath.from(given().queryParam("month", "2026-02").queryParam("idle", idle)
                    .get("/v1/chargeback").then().statusCode(200).extract().asString())
                    .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
            double total = json.getDouble("report.total");
            assertEquals(period + 0.75, total, 1e-6, idle);
            double sum = json.getList("groups.total", Double.class).stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(total, sum, 1e-6, idle);
            double lines = json.getList("report.lines.total", Double.class).stream().mapToDouble(Double::doubleValue)
                    .sum();
            assertEquals(total, lines, 1e-6, idle);
        }
        given().queryParam("idle", "sometimes").get("/v1/chargeback").then().statusCode(400)
                .body("error.param", equalTo("idle"));
        given().queryParam("groupBy", "colour").get("/v1/chargeback").then().statusCode(400)
                .body("error.param", equalTo("groupBy"));
    }

    @Test
    void utilisationIsMeasuredFromTheLedgerBothWays() {
        ingestAcmeAndBeta("2026-06-03T10:00:10Z", "2026-06-03T10:05:10Z");
        // June: 720 h = 2,592,000 s; capacity 1,000 tok/s × 1 replica; 2 requests × 0.85 s busy
        given().queryParam("month", "2026-06").get("/v1/utilisation").then().statusCode(200)
                .body("find { it.variant == 'llama-3-70b' }.tokens", equalTo(7500))
                .body("find { it.variant == 'llama-3-70b' }.peakTokensPerSecond", equalTo(100.0f))
                .body("find { it.variant == 'llama-3-70b' }.throughputBased.denominator", equalTo(2.592E9f))
                .body("find { it.variant == 'llama-3-70b' }.timeBased.numerator", equalTo(1.7f))
                .body("find { it.variant == 'llama-3-70b' }.timeBased.denominator", equalTo(2592000.0f));
    }

    @Test
    void scenarioWorkloadCanBeMeasuredFromTheLedger() {
        ingestAcmeAndBeta("2026-08-03T10:00:10Z", "2026-08-04T10:00:10Z");
        String scenario = """
                {"workload":{"measured":{"variant":"llama-3-70b","month":"2026-08"},"monthlyGrowth":0.05},
                 "options":[{"type":"api","model":"gpt-4"}]}""";
        // August has 744 h: 7,500 tokens × 730 / 744 = 7,358.87 tokens and 2 × 730 / 744 requests a month
        JsonPath json = JsonPath.from(given().contentType(ContentType.JSON).body(scenario).post("/v1/tco/scenarios")
                .then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertEquals(7500 * 730 / 744.0, json.getDouble("workload.tokensPerMonth"), 1e-6);
        assertEquals(2 * 730 / 744.0, json.getDouble("workload.requestsPerMonth"), 1e-9);
        assertEquals(7000 / 7500.0, json.getDouble("workload.inputShare"), 1e-12);
        assertEquals(0.85, json.getDouble("workload.secondsPerRequest"), 1e-12);
        assertEquals(0.05, json.getDouble("workload.monthlyGrowth"), 1e-12);
        org.junit.jupiter.api.Assertions.assertTrue(json.getString("workload.source").startsWith("measured: ledger"));
        given().contentType(ContentType.JSON).body(scenario.replace("2026-08", "2019-01")).post("/v1/tco/scenarios")
                .then().statusCode(400).body("error.code", equalTo("no_usage"));
    }

    @Test
    void unitCostsCoverEveryApiAndEachDeployment() {
        JsonPath json = JsonPath.from(given().queryParam("inputShare", 1.0 / 3).queryParam("month", "2026-01")
                .get("/v1/unit-costs").then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertEquals(50.0, json.getDouble("apis.find { it.model == 'gpt-4' }.blendedPerMillion"), 1e-9);
        // 2 × A100 80GB: $708.0448 a month over 1,000 tok/s × 2,628,000 s at 100 %
        assertEquals(708.0448 / 2628, json.getDouble(
                "deployments.find { it.deployment == 'llama-3-70b' }.perMillion.find { it.basis == 'floor' }.blended"),
                1e-9);
        // the CLI's tco prices a measured throughput on the GPUs it was measured on (gpus-per-replica=2 here)
        assertEquals(2.0, json.getDouble("deployments.find { it.deployment == 'llama-3-70b' }.gpusPerReplica"));
        given().queryParam("inputShare", 2).get("/v1/unit-costs").then().statusCode(400)
                .body("error.param", equalTo("inputShare"));
    }

    @Test
    void budgetsAndMetricsFollowTheLedger() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // 2M in + 2M out on gpt-4 = $60 + $120 = $180 against acme's $100 budget
        ingest(
                record(run + "-b1", Instant.now().minusSeconds(5).toString(), "acme", "gpt-4", 2_000_000, 2_000_000));
        given().get("/v1/budgets").then().statusCode(200)
                .body("find { it.tenant == 'acme' }.state", equalTo("EXCEEDED"))
                .body("find { it.tenant == 'acme' }.limitUsd", equalTo(100.0f))
                .body("find { it.tenant == 'acme' }.spentUsd", greaterThanOrEqualTo(180.0f));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String expected : List.of("modelshift_cost_budget_limit_usd{tenant=\"acme\"} 100.0",
                "modelshift_cost_budget_state{tenant=\"acme\"} 2.0", "modelshift_cost_spend_usd{route=\"chat\",tenant=\"acme\",variant=\"gpt-4\"}",
                "modelshift_cost_projected_monthly_usd{tenant=\"(all)\"}",
                "modelshift_cost_per_million_tokens_usd{basis=\"floor\",deployment=\"llama-3-70b\",direction=\"output\",model=\"llama-3-70b\"}",
                "modelshift_cost_per_million_tokens_usd{basis=\"list\",deployment=\"gpt-4\",direction=\"input\",model=\"gpt-4\"} 30.0")) {
            org.junit.jupiter.api.Assertions.assertTrue(metrics.contains(expected), expected + "\n" + metrics.lines()
                    .filter(l -> l.startsWith("modelshift_cost")).toList());
        }
    }
}
