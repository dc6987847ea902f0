package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareCatalog;
import io.modelshift.cost.hardware.HardwareProfile;
import io.modelshift.api.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnPremCostTest {

    static HardwareProfile a100(Map<String, Object> overrides) {
        return HardwareCatalog.override(Defaults.catalog().requireProfile("a100-40gb", "h"), overrides, "o");
    }

    static double line(MonthlyCost c, String item) {
        return c.lines().stream().filter(l -> l.item().startsWith(item)).findFirst().orElseThrow().usd();
    }

    @Test
    void everyLineByHand() {
        HardwareProfile p = a100(Map.of("gpusPerReplica", 4, "hostPrice", 12_000, "hostWatts", 500,
                "residualFraction", 0.1, "maintenancePercentPerYear", 10, "facilityPerReplicaMonth", 200,
                "staffPerReplicaMonth", 300));
        MonthlyCost c = OnPremCost.monthly(p, 2);
        // capex per replica 4 × 9,000 + 12,000 = 48,000; amortisation 2 × 48,000 × 0.9 / 48 = 1,800
        assertEquals(1800, line(c, "amortisation"), 1e-9);
        // 2 × (4 × 250 W + 500 W) = 3 kW × 730 h × 1.58 × $0.12 = $415.224
        assertEquals(415.224, line(c, "energy"), 1e-9);
        assertEquals(400, line(c, "facility"), 1e-9);
        assertEquals(800, line(c, "maintenance"), 1e-9);          // 2 × 48,000 × 10 % / 12
        assertEquals(600, line(c, "staff"), 1e-9);
        assertEquals(415.224 + 400 + 800 + 600, c.cashOpex(), 1e-9);
        assertEquals(1800 + 2215.224, c.amortised(), 1e-9);
        assertEquals(96_000, OnPremCost.capex(p, 2), 1e-9);
        assertEquals(c.cashOpex(), OnPremCost.cashOpex(p, 2), 1e-9);          // the scan's shortcut agrees
        assertEquals(1800, OnPremCost.amortisation(p, 2), 1e-9);
    }

    @Test
    void unitCostSplitsInputAndOutputByGpuTime() {
        // $1,000 a month, 1e9 capacity tokens, 50 %: blended $2/1M; input share 1/3, w = 2: input 2 / (1/3 + 4/3)
        UnitCost u = UnitCost.onPrem("x", 1000, 1e9, 0.5, 1.0 / 3, 2);
        assertEquals(2.0, u.blended(), 1e-12);
        assertEquals(1.2, u.input(), 1e-12);
        assertEquals(2.4, u.output(), 1e-12);
        assertEquals(u.blended(), u.input() / 3 + u.output() * 2 / 3, 1e-12);
    }

    @Test
    void growthMovesBreakEvenAndBuysReplicasWhenNeeded() {
        // $1,000 of GPU and nothing to run, against an API at $100 in month 1 growing 10 % a month:
        // cumulative API by month 1..8: 100, 210, 331, 464.1, 610.51, 771.56, 948.72, 1,143.59
        // → crosses $1,000 in month 8: 7 + 51.28 / 194.87 = 7.263 months
        ScenarioOption onPrem = new ScenarioOption("gpu", "onprem", null, null, "a100-40gb",
                Map.of("gpuPrice", 1000, "electricityPerKwh", 0), 1, 1e6, "test", null, null);
        ScenarioOption api = new ScenarioOption("api", "api", null,
                new ScenarioOption.InlinePrice(1.0, 1.0, null, "test", Defaults.TODAY), null, null, null, null, null,
                null, null);
        Workload w = new Workload(100e6, null, null, null, 0.5, null, null, 0.10, null, "test");
        ScenarioResult r = Defaults.evaluator().evaluate(new Scenario("growth", w, List.of(onPrem, api), 12, null, null));
        assertEquals(7 + (1000 - 948.717) / (1143.5888 - 948.717), r.comparisons().get(0).breakEven().months(), 1e-3);
        assertEquals(8, r.comparisons().get(0).breakEven().month());

        // capacity for 1e8 tokens/month at 60 %: 1e8 / (40 tok/s × 2,628,000 s × 0.6) = 1.59 → 2 replicas bought
        ScenarioOption small = new ScenarioOption("small", "onprem", null, null, "a100-40gb", Map.of(), 1, 40.0,
                "test", null, null);
        ScenarioResult sized = Defaults.evaluator().evaluate(new Scenario("size",
                new Workload(100e6, null, null, null, null, null, null, null, null, null), List.of(small), 12, null, null));
        assertEquals(2, sized.options().get(0).capacity().replicasNeeded());
        assertEquals(18_000, sized.options().get(0).capex(), 1e-9);
        assertTrue(sized.warnings().stream().anyMatch(x -> x.contains("needs 2 replicas")));
    }

    @Test
    void badInputsGetClearErrors() {
        Workload w = new Workload(1e6, null, null, null, null, null, null, null, null, null);
        assertCode("unknown_hardware", "Known profiles: a100-40gb", new ScenarioOption(null, "onprem", null, null,
                "tpu-v9", null, 1, 100.0, null, null, null), w);
        assertCode("model_not_found", "Known models: ", new ScenarioOption(null, "api", "gpt-9", null, null, null,
                null, null, null, null, null), w);
        assertCode("invalid_price", "input price must be a finite number >= 0", new ScenarioOption("x", "api", null,
                new ScenarioOption.InlinePrice(-1.0, 1.0, null, null, null), null, null, null, null, null, null,
                null), w);
        assertCode("missing_price", "needs inputPerMillion and outputPerMillion", new ScenarioOption("x", "api", null,
                new ScenarioOption.InlinePrice(1.0, null, null, null, null), null, null, null, null, null, null, null), w);
        assertCode("missing_field", "throughputTokensPerSecond must be > 0", new ScenarioOption(null, "onprem", null,
                null, "a100-40gb", null, 1, null, null, null, null), w);
        assertCode("invalid_value", "gpuPrice must be a finite number >= 0", new ScenarioOption(null, "onprem", null,
                null, "a100-40gb", Map.of("gpuPrice", -5), 1, 100.0, null, null, null), w);
        assertCode("unknown_field", "Unknown hardware field 'gpuColour'", new ScenarioOption(null, "onprem", null,
                null, "a100-40gb", Map.of("gpuColour", "green"), 1, 100.0, null, null, null), w);
        assertCode("missing_field", "A workload needs tokensPerMonth", new ScenarioOption(null, "api", "gpt-4", null,
                null, null, null, null, null, null, null), new Workload(null, 5.0, null, null, null, null, null, null,
                null, null));
    }

    static void assertCode(String code, String message, ScenarioOption option, Workload w) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Defaults.evaluator().evaluate(
                new Scenario("bad", w, List.of(option), 12, null, null)));
        assertEquals(400, e.error().status());
        assertEquals(code, e.error().code(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
