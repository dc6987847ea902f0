package io.modelshift.evaluation.runs;

import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end runs against simulated vLLM pods with known accuracies. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EvaluationRunTest {

    static SimulatedVllm strong;
    static SimulatedVllm weak;

    @Inject
    RunStore store;
    @Inject
    RunResumer resumer;
    @Inject
    RunExecutor executor;
    @Inject
    io.modelshift.evaluation.benchmarks.BenchmarkCatalog catalog;

    @BeforeAll
    static void pods() {
        strong = SimulatedPods.start("sim-strong", 0.9);
        weak = SimulatedPods.start("sim-weak", 0.6);
    }

    @AfterAll
    static void stop() {
        strong.close();
        weak.close();
    }

    static String start(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/evaluations")
                .then().statusCode(202).extract().path("id");
    }

    static JsonPath awaitEnd(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                List.of("succeeded", "failed", "cancelled").contains(
                        given().get("/v1/evaluations/" + id).then().extract().path("status")));
        return given().get("/v1/evaluations/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String body(SimulatedVllm pod, String model, String benchmark, String extra) {
        return "{\"target\":\"" + pod.baseUrl() + "\",\"model\":\"" + model + "\",\"benchmark\":\"" + benchmark + "\""
                + extra + "}";
    }

    @Test
    void gsm8kAccuraciesOfTwoModelsAreRecoveredAndCompared() {
        String base = start(body(weak, "sim-weak", "gsm8k", ",\"sample_size\":300,\"concurrency\":16,\"seed\":7"));
        String cand = start(body(strong, "sim-strong", "gsm8k", ",\"sample_size\":300,\"concurrency\":16,\"seed\":7"));
        JsonPath b = awaitEnd(base);
        JsonPath c = awaitEnd(cand);
        assertEquals("succeeded", b.getString("status"), b.prettify());
        assertEquals(300, b.getInt("progress.done"));
        assertEquals(300, b.getInt("progress.total"));
        assertEquals(0, b.getInt("progress.errors"));
        assertCovers(b, 0.6);
        assertCovers(c, 0.9);
        // the simulator writes "#### N", so strict and flexible agree here
        assertEquals(b.getDouble("scores.accuracy"), b.getDouble("scores.alt_accuracy"), 1e-9);

        JsonPath cmp = given().queryParam("baseline", base).queryParam("candidate", cand).get("/v1/comparisons")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(300, cmp.getInt("paired.shared_items"));
        float low = cmp.getFloat("paired.difference.low");
        float estimate = cmp.getFloat("paired.difference.estimate");
        assertEquals(c.getDouble("scores.accuracy") - b.getDouble("scores.accuracy"), estimate, 1e-6);
        assertTrue(low > 0.2 && low < estimate, "difference interval starts at " + low);
        assertTrue(cmp.getDouble("paired.mcnemar_p") < 1e-6);
        assertTrue(cmp.getBoolean("paired.significant"));
        // with the same quality seed, every question the weak pod gets right the strong one gets right too
        assertEquals(0, cmp.getInt("paired.baseline_only"));

        List<Map<String, Object>> items = given().queryParam("limit", 5).get("/v1/evaluations/" + cand + "/items")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(5, items.size());
        assertTrue(((String) items.getFirst().get("prompt_hash")).length() == 24);
        assertTrue(((Integer) items.getFirst().get("completion_tokens")) > 0);

        // the before/after report, by run ids (JSON) and by model names (HTML with SVG charts)
        given().queryParam("baseline", base).queryParam("candidate", cand).get("/v1/reports/comparison")
                .then().statusCode(200).body("rows[0].benchmark", equalTo("gsm8k"))
                .body("rows[0].significance", equalTo("candidate better"));
        String html = given().queryParam("baseline", "sim-weak").queryParam("candidate", "sim-strong")
                .queryParam("format", "html").get("/v1/reports/comparison").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("<svg") && html.contains("<td>gsm8k</td>") && html.contains("candidate better"), html);
        given().get("/v1/reports/comparison").then().statusCode(400).body("error.param", equalTo("baseline"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("modelshift_eval_accuracy{benchmark=\"gsm8k\",model=\"sim-strong\"}"), metrics);
        assertTrue(metrics.contains("modelshift_eval_items_total"));
    }

    private static void assertCovers(JsonPath run, double accuracy) {
        float low = run.getFloat("scores.interval.low");
        float high = run.getFloat("scores.interval.high");
        assertTrue(low <= accuracy && accuracy <= high,
                "configured accuracy " + accuracy + " in Wilson interval " + low + ".." + high);
    }

    @Test
    void mmluFiveShotScoresPerSubjectInBothModes() {
        for (String mode : List.of("chat", "completions")) {
            String id = start(body(strong, "sim-strong", "mmlu", ",\"shots\":5,\"sample_size\":150,\"mode\":\"" + mode
                    + "\",\"concurrency\":8"));
            JsonPath run = awaitEnd(id);
            assertEquals("succeeded", run.getString("status"), run.prettify());
            assertEquals(100, run.getInt("scores.subjects.alpha.n"), "stratified: 200 of 300 items are alpha");
            assertEquals(50, run.getInt("scores.subjects.beta.n"));
            assertCovers(run, 0.9);
            assertTrue(Math.abs(run.getDouble("scores.macro_average") - run.getDouble("scores.micro_average")) < 0.1);
        }
    }

    @Test
    void jmmluIsScoredFromJapaneseAnswers() {
        JsonPath run = awaitEnd(start(body(weak, "sim-weak", "jmmlu", ",\"concurrency\":4")));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(60, run.getInt("scores.n"));
        assertCovers(run, 0.6);
    }

    @Test
    void humanEvalPassAtKRunsInTheSandbox() {
        String id = start(body(strong, "sim-strong", "humaneval", ",\"samples\":3,\"temperature\":0.8,\"concurrency\":4"));
        String weakId = start(body(weak, "sim-weak", "humaneval",
                ",\"samples\":3,\"temperature\":0.8,\"concurrency\":4,\"mode\":\"completions\""));
        JsonPath run = awaitEnd(id);
        assertEquals("succeeded", awaitEnd(weakId).getString("status"));
        JsonPath cmp = given().queryParam("baseline", weakId).queryParam("candidate", id).get("/v1/comparisons")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2), cmp.getList("pass_at_k.k"));
        assertEquals(6, cmp.getInt("pass_at_k[1].tasks"));
        assertEquals(cmp.getDouble("pass_at_k[0].candidate") - cmp.getDouble("pass_at_k[0].baseline"),
                cmp.getDouble("pass_at_k[0].difference.estimate"), 1e-5);
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(18, run.getInt("progress.done"));
        Map<String, Object> passAtK = run.getMap("scores.pass_at_k");
        assertEquals(java.util.Set.of("1", "2"), passAtK.keySet());
        assertTrue(run.getDouble("scores.pass_at_k.1") > 0.3);
    }

    @Test
    void badInputGetsClearErrors() {
        given().contentType(ContentType.JSON).body(body(strong, "m", "hellaswag", "")).post("/v1/evaluations")
                .then().statusCode(400).body("error.code", equalTo("unknown_benchmark"))
                .body("error.param", equalTo("benchmark")).body("error.message", containsString("gsm8k"));
        given().contentType(ContentType.JSON)
                .body("{\"target\":\"http://127.0.0.1:1\",\"model\":\"m\",\"benchmark\":\"gsm8k\"}")
                .post("/v1/evaluations").then().statusCode(400).body("error.code", equalTo("target_unreachable"))
                .body("error.message", containsString("connection refused"));
        given().contentType(ContentType.JSON).body(body(strong, "", "gsm8k", "")).post("/v1/evaluations")
                .then().statusCode(400).body("error.param", equalTo("model"));
        given().contentType(ContentType.JSON).body(body(strong, "m", "gsm8k", ",\"concurrency\":0"))
                .post("/v1/evaluations").then().statusCode(400).body("error.param", equalTo("concurrency"));
        given().contentType(ContentType.JSON).body("{\"target\": 12,").post("/v1/evaluations")
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'humaneval-sandbox' }.data.available", equalTo(true));
        given().get("/v1/evaluations/run-nope").then().statusCode(404).body("error.code", equalTo("run_not_found"));
        given().queryParam("baseline", "run-nope").queryParam("candidate", "x").get("/v1/comparisons")
                .then().statusCode(404);
    }

    @Test
    void aFailingTargetEndsTheRunAsFailedWithTheReason() {
        try (SimulatedVllm broken = SimulatedPods.start("sim-broken", 1.0)) {
            broken.reconfigure("{\"failures\":{\"http_500\":1.0}}");
            JsonPath run = awaitEnd(start(body(broken, "sim-broken", "gsm8k", ",\"sample_size\":100,\"concurrency\":4")));
            assertEquals("failed", run.getString("status"));
            assertTrue(run.getString("failure_reason").contains("target errors dominate"), run.getString("failure_reason"));
            assertTrue(run.getString("failure_reason").contains("HTTP 500"), run.getString("failure_reason"));
            assertTrue(run.getInt("progress.errors") >= 10);
        }
    }

    @Test
    void transientErrorsAreRetried() {
        try (SimulatedVllm flaky = SimulatedPods.start("sim-flaky", 1.0)) {
            flaky.reconfigure("{\"failures\":{\"http_503\":0.3}}");
            JsonPath run = awaitEnd(start(body(flaky, "sim-flaky", "gsm8k", ",\"sample_size\":100,\"concurrency\":4")));
            assertEquals("succeeded", run.getString("status"), run.prettify());
            assertTrue(run.getInt("progress.done") >= 90, "retries absorb a 30% error rate: " + run.prettify());
        }
    }

    @Test
    void cancelStopsARun() {
        try (SimulatedVllm slow = SimulatedPods.start("sim-slow", 1.0)) {
            slow.reconfigure("{\"ttft_ms\":200,\"itl_ms\":0}");
            String id = start(body(slow, "sim-slow", "gsm8k", ",\"concurrency\":1"));
            given().post("/v1/evaluations/" + id + "/cancel").then().statusCode(200);
            JsonPath run = awaitEnd(id);
            assertEquals("cancelled", run.getString("status"));
            assertTrue(run.getInt("progress.done") < 50);
            given().post("/v1/evaluations/" + id + "/cancel").then().statusCode(409);
        }
    }

    @Test
    void anInterruptedRunResumesWithoutRedoingFinishedItems() {
        // what a crashed process leaves: a RUNNING run with some items stored
        EvaluationRequest spec = new EvaluationRequest(strong.baseUrl(), "sim-strong", "gsm8k", 40, 4, 0, 99L, 0.0,
                256, "chat", 1);
        store.create("run-resume-test", spec, 40);
        store.markRunning("run-resume-test");
        List<String> firstIds = executor.items(catalog.find("gsm8k").orElseThrow(), spec).subList(0, 3).stream()
                .map(io.modelshift.evaluation.benchmarks.BenchmarkItem::id).toList();
        RunRecord run = store.find("run-resume-test").orElseThrow();
        for (String itemId : firstIds) {
            store.save(run.id(), new ItemResult(itemId, 0, "all", "h", "STORED BEFORE RESTART", "[invalid]", false, false,
                    1, 1, 1, 1, null));
        }
        assertTrue(resumer.resumeInterrupted() >= 1);
        JsonPath done = awaitEnd("run-resume-test");
        assertEquals("succeeded", done.getString("status"));
        List<ItemResult> items = store.allItems("run-resume-test");
        long kept = items.stream().filter(i -> "STORED BEFORE RESTART".equals(i.response())).count();
        assertEquals(3, kept, "stored items are not redone");
        assertEquals(40, items.size(), "the rest of the subset was evaluated");
        assertEquals(37, items.stream().filter(ItemResult::correct).count() + items.stream()
                .filter(i -> !i.correct() && !"STORED BEFORE RESTART".equals(i.response())).count());
    }

    @Test
    void resultsAreStoredManyAtATimeAndTheLastResultOfAKeyWins() {
        EvaluationRequest spec = new EvaluationRequest(strong.baseUrl(), "sim-strong", "gsm8k", 3, 1, 0, 5L, 0.0,
                256, "chat", 1);
        store.create("run-batch-test", spec, 3);
        store.saveAll("run-batch-test", List.of(
                new ItemResult("a", 0, "s1", "h", "first try", "1", false, null, 1, 1, 1, 1, null),
                new ItemResult("b", 0, "s2", "h", null, null, false, null, 0, -1, -1, 3, "HTTP 503"),
                new ItemResult("a", 0, "s1", "h", "second try", "2", true, true, 2, 2, 2, 2, null),
                new ItemResult("c", 0, "s1", "h", "x", "3", true, false, 3, 3, 3, 1, null)));
        List<ItemResult> items = store.allItems("run-batch-test");
        assertEquals(List.of("a", "b", "c"), items.stream().map(ItemResult::itemId).toList());
        assertEquals("second try", items.get(0).response());
        assertEquals("HTTP 503", items.get(1).error());
        // the poll's rows carry what the scores need and give the same scores as the full rows
        assertEquals(RunScores.of(items), RunScores.of(store.scoreRows("run-batch-test")));
        assertEquals(2, RunScores.of(items).n());
    }
}
