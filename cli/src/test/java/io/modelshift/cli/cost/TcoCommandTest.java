package io.modelshift.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.cli.Cli;
import io.modelshift.cli.FakeService;
import io.modelshift.cli.ServiceClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tco against an in-process cost service answering in the shape of cost-service's ScenarioResult. */
@QuarkusTest
class TcoCommandTest {

    static final String RESULT = """
            {"name":"llama-3-70b on a100-40gb","options":[
             {"name":"a100-40gb llama-3-70b","type":"onprem","model":"llama-3-70b","capex":40000,
              "month1":{"cashOpex":1200,"amortised":2311.11},"firstYear":{"cash":54400,"amortised":27733.3},
              "perMillion":[{"basis":"measured","utilisation":0.0258,"blended":23.11}],
              "capacity":{"replicasNeeded":1}},
             {"name":"gpt-4","type":"api","model":"gpt-4","capex":0,"month1":{"cashOpex":4500,"amortised":4500},
              "firstYear":{"cash":54000,"amortised":54000},"perMillion":[{"basis":"list price","blended":45}]}],
             "comparisons":[{"onPrem":"a100-40gb llama-3-70b","api":"gpt-4","breakEven":{"months":12.1,"month":13,"never":false},
              "breakEvenVolume":{"tokensPerMonth":51358024,"replicas":1,"never":false},
              "monthlySaving":{"percent":48.6}}],
             "warnings":["utilisation 2.6% is under 10%"]}""";

    @Inject
    CommandLine.IFactory factory;

    @Test
    void printsTheScenarioWithTheBreakEven() throws Exception {
        try (FakeService cost = new FakeService().on("POST /v1/tco/scenarios", 200, RESULT)) {
            Cli.Result r = Cli.run(factory, "tco", "--hardware", "a100-40gb", "--model", "llama-3-70b",
                    "--tokens-per-month", "100M", "--throughput", "1496", "--compare", "gpt-4", "--cost-url", cost.url());
            assertEquals(0, r.exitCode(), r.err());
            JsonNode sent = ServiceClient.JSON.readTree(cost.calls.get(0).body());
            assertEquals(1e8, sent.path("workload").path("tokensPerMonth").asDouble());
            assertEquals("onprem", sent.path("options").path(0).path("type").asText());
            assertEquals(1496, sent.path("options").path(0).path("throughputTokensPerSecond").asDouble());
            assertEquals("gpt-4", sent.path("options").path(1).path("model").asText());
            assertTrue(r.out().matches("(?s).*a100-40gb llama-3-70b\\s+onprem\\s+\\$2,311.11\\s+\\$23.11 \\(measured\\)\\s+\\$54,400.00\\s+1.*"), r.out());
            assertTrue(r.out().matches("(?s).*a100-40gb llama-3-70b\\s+gpt-4\\s+month 13\\s+51,358,024 tokens/month\\s+48.6%.*"), r.out());
            assertTrue(r.out().contains("warning: utilisation 2.6% is under 10%"), r.out());
        }
    }

    /**
     * The shape of cost-service's GET /v1/unit-costs: one deployment with a measured capacity (2 replicas of 4 GPUs,
     * 1200 tok/s each).
     */
    static final String UNIT_COSTS = """
            {"inputShare":0.5,"apis":[],"deployments":[
             {"deployment":"llama-3-70b","model":"llama-3-70b","hardware":"a100-80gb","replicas":2,"gpusPerReplica":4,
              "monthlyCost":5000,"capacityTokensPerMonth":6307200000,"inputShare":0.5,"perMillion":[]}]}""";

    @Test
    void withoutThroughputTheCostServicesDeploymentIsUsed() throws Exception {
        try (FakeService cost = new FakeService().on("GET /v1/unit-costs", 200, UNIT_COSTS)
                .on("POST /v1/tco/scenarios", 200, RESULT)) {
            Cli.Result r = Cli.run(factory, "tco", "--hardware", "a100-80gb", "--model", "llama-3-70b",
                    "--tokens-per-month", "100M", "--cost-url", cost.url());
            assertEquals(0, r.exitCode(), r.err());
            JsonNode option = ServiceClient.JSON.readTree(cost.calls.get(1).body()).path("options").path(0);
            assertEquals(1200, option.path("throughputTokensPerSecond").asDouble(), 1e-9);
            assertTrue(option.path("throughputSource").asText().startsWith("cost service deployment 'llama-3-70b'"));
            assertTrue(r.err().contains("throughput: 1200.0 tokens/s per replica"), r.err());
            // the throughput is priced on the GPUs it was measured on, not on the profile's default
            assertEquals(4, option.path("overrides").path("gpusPerReplica").asInt(), option.toString());
            assertFalse(r.err().contains("give --gpus-per-replica"), r.err());

            Cli.Result none = Cli.run(factory, "tco", "--hardware", "h100-80gb", "--model", "llama-3-70b",
                    "--tokens-per-month", "100M", "--cost-url", cost.url());
            assertEquals(2, none.exitCode());
            assertTrue(none.err().contains("knows no measured throughput for llama-3-70b on h100-80gb: give --throughput"),
                    none.err());
            assertEquals(3, cost.calls.size(), "no scenario is posted without a throughput");
        }
        // a cost service that does not say the replica size (older versions): the user is told to give it
        try (FakeService older = new FakeService().on("GET /v1/unit-costs", 200, UNIT_COSTS.replace("\"gpusPerReplica\":4,", ""))
                .on("POST /v1/tco/scenarios", 200, RESULT)) {
            Cli.Result r = Cli.run(factory, "tco", "--hardware", "a100-80gb", "--model", "llama-3-70b",
                    "--tokens-per-month", "100M", "--cost-url", older.url());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("give --gpus-per-replica"), r.err());
        }
        String closed;
        try (FakeService gone = new FakeService()) {
            closed = gone.url();
        }
        Cli.Result down = Cli.run(factory, "tco", "--hardware", "a100-80gb", "--model", "llama-3-70b",
                "--tokens-per-month", "100M", "--cost-url", closed);
        assertEquals(3, down.exitCode());
        assertTrue(down.err().contains("cannot reach the cost service at " + closed), down.err());
        assertTrue(down.err().contains("since no --throughput was given"), down.err());
    }

    @Test
    void badVolumeAndServiceErrorsAreClear() {
        Cli.Result bad = Cli.run(factory, "tco", "--hardware", "a100-40gb", "--model", "m", "--tokens-per-month", "lots",
                "--throughput", "100");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--tokens-per-month 'lots' is not a positive volume"), bad.err());
        try (FakeService cost = new FakeService().on("POST /v1/tco/scenarios", 400, "{\"error\":{\"message\":"
                + "\"unknown hardware profile 'tpu'\",\"type\":\"invalid_request_error\",\"param\":\"hardware\","
                + "\"code\":\"unknown_hardware\"}}")) {
            Cli.Result refused = Cli.run(factory, "tco", "--hardware", "tpu", "--model", "m", "--tokens-per-month", "1B",
                    "--throughput", "100", "--cost-url", cost.url());
            assertEquals(3, refused.exitCode());
            assertTrue(refused.err().contains("unknown hardware profile 'tpu' (unknown_hardware)"), refused.err());
        }
    }
}
