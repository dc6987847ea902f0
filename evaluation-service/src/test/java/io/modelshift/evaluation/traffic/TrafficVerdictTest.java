package io.modelshift.evaluation.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelshift.api.records.TrafficBatch;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.evaluation.judge.ShadowJudging;
import io.modelshift.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live traffic: idempotent ingest, live metrics, content checks, the judge and the verdict. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeJudge.class)
class TrafficVerdictTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    ShadowJudging judging;

    static TrafficRecord record(String id, String route, String variant, int status, double ttft, long tokens,
                                String finish, String prompt, String completion, boolean json, String pair,
                                boolean shadow) {
        return record(id, route, variant, status, ttft, tokens, finish, prompt, completion, json, pair, shadow, true);
    }

    static TrafficRecord record(String id, String route, String variant, int status, double ttft, long tokens,
                                String finish, String prompt, String completion, boolean json, String pair,
                                boolean shadow, boolean stream) {
        return new TrafficRecord(id, Instant.now(), "t1", "k1", route, variant, "m-" + variant, "chat.completions",
                stream, status, null, status >= 400 ? "upstream_error" : null, ttft + 100, ttft, 20, tokens, finish, 1,
                pair, shadow, false, null, 1.0, prompt, completion, json);
    }

    static JsonPath post(List<TrafficRecord> records) throws Exception {
        return given().contentType(ContentType.JSON).body(JSON.writeValueAsString(new TrafficBatch("gw-1", records)))
                .post("/v1/traffic").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aBatchOfTextsAtTheGatewaysLimitIsAccepted() throws Exception {
        // 400 records with a prompt and a completion of records.max-text-chars (16384) each: about 13 MB, over
        // Quarkus' default body limit of 10 MB, which refused such batches with 413 and lost them
        String text = "x".repeat(16_384);
        List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(record("big-" + i, "rbig", "a", 200, 50, 10, "stop", text, text, false, null, false));
        }
        assertEquals(400, post(records).getInt("accepted"));
    }

    @Test
    void ingestIsIdempotentAndCountsRejects() throws Exception {
        List<TrafficRecord> records = List.of(record("idem-1", "ri", "a", 200, 50, 10, "stop", null, null, false, null, false),
                record("idem-2", "ri", "a", 200, 50, 10, "stop", null, null, false, null, false));
        String body = JSON.writeValueAsString(new TrafficBatch("gw-1", records))
                .replace("]}", ",{\"time\":\"2026-01-01T00:00:00Z\",\"route\":\"ri\"}]}");
        given().contentType(ContentType.JSON).body(body).post("/v1/traffic").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0)).body("rejected", equalTo(1));
        JsonPath again = post(List.of(records.get(1), records.get(0), records.get(0)));
        assertEquals(0, again.getInt("accepted"));
        assertEquals(3, again.getInt("duplicates"));
        given().contentType(ContentType.JSON).body("{\"source\":\"x\"}").post("/v1/traffic").then().statusCode(400)
                .body("error.param", equalTo("records"));
    }

    @Test
    void liveMetricsPerRouteVariantAndWindow() throws Exception {
        List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(record("lm-a-" + i, "rl", "a", i < 2 ? 500 : 200, 10 + i, 50, i == 3 ? "length" : "stop",
                    null, null, false, null, false));
        }
        records.add(record("lm-b-0", "rl", "b", 200, 40, 0, "stop", "日本語で答えてください。今日の天気は？",
                "The weather is sunny.", false, null, false));
        records.add(record("lm-b-1", "rl", "b", 200, 40, 30, "stop", "Give JSON", "{\"ok\": tru", true, null, false));
        records.add(record("lm-b-2", "rl", "b", 200, 40, 30, "stop", "Hi", "I'm sorry, but I can't help with that.",
                false, null, false));
        records.add(record("lm-b-3", "rl", "b", 200, 40, 30, "stop", "こんにちは、お元気ですか？",
                "はい、元気です。ありがとうございます。", false, null, false));
        post(records);
        List<Map<String, Object>> windows = given().queryParam("route", "rl").queryParam("window", "1h")
                .get("/v1/traffic/metrics").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> a = windows.stream().filter(w -> w.get("variant").equals("a")).findFirst().orElseThrow();
        assertEquals(20, a.get("requests"));
        assertEquals(0.1f, ((Map<?, ?>) a.get("error_rates")).get("upstream"));
        assertEquals(1f / 18, ((Number) a.get("length_rate")).floatValue(), 1e-6);
        assertEquals(20.5f, ((Number) a.get("ttft_p50_ms")).floatValue(), 1e-4, "median of 12..29");
        assertEquals(500f, ((Number) a.get("tokens_per_second")).floatValue(), 1e-3, "50 tokens per 100 ms");
        Map<String, Object> b = windows.stream().filter(w -> w.get("variant").equals("b")).findFirst().orElseThrow();
        Map<?, ?> checks = (Map<?, ?>) b.get("checks");
        assertEquals(0.5f, ((Number) checks.get("language_mismatch")).floatValue(), 1e-6, "1 of 2 Japanese prompts");
        assertEquals(1f, ((Number) checks.get("json_invalid")).floatValue());
        assertEquals(0.25f, ((Number) checks.get("refusal")).floatValue());
        assertEquals(0f, ((Number) b.get("empty_rate")).floatValue());
        given().queryParam("since", "yesterday").get("/v1/traffic/metrics").then().statusCode(400)
                .body("error.param", equalTo("since"));
    }

    @Test
    void plainResponsesStayOutOfTimeToFirstToken() throws Exception {
        // a non-streamed answer's first byte is the whole answer: counting it would compare response mixes
        List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record("pl-s-" + i, "rp", "a", 200, 10 + i, 50, "stop", null, null, false, null, false, true));
            records.add(record("pl-p-" + i, "rp", "a", 200, 900, 50, "stop", null, null, false, null, false, false));
        }
        post(records);
        Map<String, Object> a = given().queryParam("route", "rp").queryParam("window", "1h")
                .get("/v1/traffic/metrics").then().statusCode(200).extract().jsonPath().getMap("[0]");
        assertEquals(20, a.get("requests"));
        assertEquals(14.5f, ((Number) a.get("ttft_p50_ms")).floatValue(), 1e-4, "median of the streamed 10..19");
        assertEquals(500f, ((Number) a.get("tokens_per_second")).floatValue(), 1e-3, "streamed: 50 tokens per 100 ms");
    }

    /** Baseline and candidate traffic on a route: error rates and time-to-first-token means as given. */
    static void traffic(String route, int n, double baseErrors, double candErrors, double baseTtft, double candTtft)
            throws Exception {
        Random random = new Random(route.hashCode());
        List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(record(route + "-b-" + i, route, "base", random.nextDouble() < baseErrors ? 502 : 200,
                    baseTtft + random.nextGaussian() * 10, 40, "stop", null, null, false, null, false));
            records.add(record(route + "-c-" + i, route, "cand", random.nextDouble() < candErrors ? 502 : 200,
                    candTtft + random.nextGaussian() * 10, 40, "stop", null, null, false, null, false));
        }
        for (int from = 0; from < records.size(); from += 500) {
            post(records.subList(from, Math.min(records.size(), from + 500)));
        }
    }

    static JsonPath verdict(String route) {
        return given().queryParam("route", route).queryParam("baseline", "base").queryParam("candidate", "cand")
                .queryParam("since", "1h").get("/v1/verdicts").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void degradedCandidateFails() throws Exception {
        traffic("rv-fail", 1000, 0.01, 0.10, 100, 100);
        JsonPath v = verdict("rv-fail");
        assertEquals("FAIL", v.getString("outcome"), v.prettify());
        assertTrue(v.getString("reason").contains("error_rate"), v.getString("reason"));
        Map<String, Object> check = v.getList("checks", Map.class).stream()
                .filter(c -> c.get("metric").equals("error_rate")).findFirst().orElseThrow();
        assertEquals(false, check.get("passed"));
        assertTrue(((Number) check.get("adjusted_p")).doubleValue() < 0.05);
        assertEquals(0.5, v.getDouble("traffic_share"), 1e-9);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("modelshift_eval_verdict{baseline=\"base\",candidate=\"cand\",route=\"rv-fail\"} -1.0"),
                metrics);
    }

    @Test
    void failuresTheStableRescuedAreTheCandidatesFailures() throws Exception {
        // the candidate fails 10% of its requests, but the gateway serves each of those from the stable: the
        // records show 200s from "base" with fallbackFrom "cand", and not one error from "cand"
        Random random = new Random(7);
        List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(record("rf-b-" + i, "rv-rescued", "base", 200, 100 + random.nextGaussian() * 10, 40, "stop",
                    null, null, false, null, false));
            TrafficRecord served = record("rf-c-" + i, "rv-rescued", "cand", 200, 100 + random.nextGaussian() * 10,
                    40, "stop", null, null, false, null, false);
            if (random.nextDouble() < 0.10) { // the stable answered, after the candidate's failure
                served = new TrafficRecord(served.id(), served.time(), served.tenant(), served.apiKeyId(), served.route(),
                        "base", "m-base", served.endpoint(), served.stream(), 200, null, null, 2_100, 2_000, 20, 40,
                        "stop", 1, null, false, true, "cand", 1.0, null, null, false);
            }
            records.add(served);
        }
        for (int from = 0; from < records.size(); from += 500) {
            post(records.subList(from, from + 500));
        }
        JsonPath v = verdict("rv-rescued");
        assertEquals("FAIL", v.getString("outcome"), v.prettify());
        Map<String, Object> errors = v.getList("checks", Map.class).stream()
                .filter(c -> c.get("metric").equals("error_rate")).findFirst().orElseThrow();
        assertEquals(0.0, ((Number) errors.get("baseline")).doubleValue(), 1e-12, "the stable served them all");
        assertTrue(((Number) errors.get("candidate")).doubleValue() > 0.05, errors.toString());
        // the rescued requests' times include the failed attempt: they are not the stable's time to first token
        Map<String, Object> ttft = v.getList("checks", Map.class).stream()
                .filter(c -> c.get("metric").equals("ttft_ms")).findFirst().orElseThrow();
        assertTrue(((Number) ttft.get("baseline")).doubleValue() < 150, ttft.toString());
    }

    @Test
    void betterCandidatePassesWithEnoughSamples() throws Exception {
        traffic("rv-pass", 2500, 0.02, 0.0, 120, 90);
        JsonPath v = verdict("rv-pass");
        assertEquals("PASS", v.getString("outcome"), v.prettify());
        assertTrue(v.getList("checks", Map.class).stream().allMatch(c -> Boolean.TRUE.equals(c.get("passed"))));
    }

    @Test
    void tooFewSamplesAreInconclusive() throws Exception {
        traffic("rv-few", 50, 0.0, 0.5, 100, 100);
        JsonPath v = verdict("rv-few");
        assertEquals("INCONCLUSIVE", v.getString("outcome"));
        assertTrue(v.getString("reason").contains("too few samples"), v.getString("reason"));
        given().queryParam("route", "x").queryParam("baseline", "a").get("/v1/verdicts").then().statusCode(400)
                .body("error.param", equalTo("candidate")).body("error.message", containsString("required"));
    }

    @Test
    void shadowPairsAreJudgedInBothOrders() throws Exception {
        List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(record("sj-s-" + i, "rj", "base", 200, 50, 20, "stop", "Question " + i, "meh " + i, false,
                    "pair-" + i, false));
            records.add(record("sj-c-" + i, "rj", "cand", 200, 50, 20, "stop", "Question " + i, "GOOD " + i, false,
                    "pair-" + i, true));
        }
        for (int i = 0; i < 20; i++) {
            records.add(record("sj-bs-" + i, "rj", "base", 200, 50, 20, "stop", "BIASED " + i, "one", false,
                    "bpair-" + i, false));
            records.add(record("sj-bc-" + i, "rj", "cand", 200, 50, 20, "stop", "BIASED " + i, "two", false,
                    "bpair-" + i, true));
        }
        post(records);
        await().atMost(Duration.ofSeconds(30)).until(() -> judging.pending() == 0);
        JsonPath v = verdict("rj");
        Map<String, Object> win = v.getList("checks", Map.class).stream()
                .filter(c -> c.get("metric").equals("judge_win_rate")).findFirst().orElseThrow();
        // 60 clear wins (score 1) and 20 position-biased pairs turned into ties (0.5)
        assertEquals(80, ((Number) win.get("candidate_samples")).intValue());
        assertEquals((60 + 10) / 80.0, ((Number) win.get("candidate")).doubleValue(), 1e-9);
        assertEquals(true, win.get("passed"));
        assertTrue(FakeJudge.CALLS.get() >= 160, "both orders judged: " + FakeJudge.CALLS.get());
    }
}
