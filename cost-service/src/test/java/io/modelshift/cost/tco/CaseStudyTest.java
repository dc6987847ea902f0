package io.modelshift.cost.tco;

import io.modelshift.cost.tco.ScenarioResult.Comparison;
import io.modelshift.cost.tco.ScenarioResult.OptionResult;
import io.modelshift.api.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case study of the research notes (§6): an A100 40GB at $9,000 over 4 years, $500 a month to run, 100M tokens a
 * month in 1M requests of 0.5 s, against an API at $0.25/1M and GPT-4 ($30/$60, one third input). Expected figures
 * are computed by hand in the comments.
 */
class CaseStudyTest {

    static final double EPS = 1e-6;

    static Workload caseWorkload() {
        return new Workload(100e6, 1e6, null, null, 1.0 / 3, null, 0.5, null, null, "case study");
    }

    static ScenarioOption cheapApi() {
        return new ScenarioOption("cheap API", "api", null,
                new ScenarioOption.InlinePrice(0.25, 0.25, null, "case study", Defaults.TODAY), null, null, null,
                null, null, null, null);
    }

    static ScenarioOption gpt4() {
        return new ScenarioOption(null, "api", "gpt-4", null, null, null, null, null, null, null, null);
    }

    /** The case's $500 a month is one unitemised lump that includes power, so energy is set to 0 to reproduce it. */
    static ScenarioOption a100(String name, String model, int gpus) {
        return new ScenarioOption(name, "onprem", model, null, "a100-40gb",
                Map.of("gpusPerReplica", gpus, "gpuPrice", 9000, "lifeMonths", 48, "electricityPerKwh", 0,
                        "otherOpexPerReplicaMonth", 500),
                1, 1496.0, "vLLM issue #12315: Llama-3.3-70B fp16 on 4xA100, 1,496 total tok/s", null, null);
    }

    static OptionResult option(ScenarioResult r, String name) {
        return r.options().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    static Comparison comparison(ScenarioResult r, String api) {
        return r.comparisons().stream().filter(c -> c.api().equals(api)).findFirst().orElseThrow();
    }

    @Test
    void oldAndUndatedPricesAreWarned() {
        ScenarioOption old = new ScenarioOption("old API", "api", null,
                new ScenarioOption.InlinePrice(1.0, 2.0, null, "a 2026 price list", java.time.LocalDate.of(2026, 1, 1)),
                null, null, null, null, null, null, null);
        ScenarioOption undated = new ScenarioOption("undated API", "api", null,
                new ScenarioOption.InlinePrice(1.0, 2.0, null, null, null), null, null, null, null, null, null, null);
        ScenarioOption fresh = new ScenarioOption("fresh API", "api", null,
                new ScenarioOption.InlinePrice(1.0, 2.0, null, "today", Defaults.TODAY.minusDays(90)), null, null,
                null, null, null, null, null);
        ScenarioResult r = Defaults.evaluator().evaluate(new Scenario("dates", caseWorkload(),
                List.of(old, undated, fresh), 12, null, null));
        // 2026-01-01 to 2026-11-27 is 330 days; 90 days old is still fresh
        assertTrue(r.warnings().contains("'old API': the prices are dated 2026-01-01, 330 days ago (older than 90 days): "
                + "refresh them"), r.warnings().toString());
        assertTrue(r.warnings().contains("'undated API': the prices carry no date"), r.warnings().toString());
        assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("'fresh API'")), r.warnings().toString());
    }

    @Test
    void theCaseAsStatedOnOneGpu() {
        ScenarioResult r = Defaults.evaluator().evaluate(new Scenario("case study", caseWorkload(),
                List.of(a100("1x A100", null, 1), cheapApi(), gpt4()), 36, null, null));

        OptionResult onPrem = option(r, "1x A100");
        assertEquals(9000, onPrem.capex(), EPS);
        assertEquals(187.5, onPrem.month1().lines().get(0).usd(), EPS);          // 9,000 / 48
        assertEquals(687.5, onPrem.month1().amortised(), EPS);                    // 187.50 + 500
        assertEquals(500, onPrem.month1().cashOpex(), EPS);
        assertEquals(15_000, onPrem.firstYear().cash(), EPS);                     // 9,000 + 12 × 500 (case said 6,000)
        assertEquals(8_250, onPrem.firstYear().amortised(), EPS);                 // 12 × 687.50

        // 1M requests × 0.5 s = 500,000 s = 138.9 h of a 730-h month = 19.0 % (the case said 5.8 %)
        assertEquals(19.026, onPrem.utilisation().timeBased().percent(), 1e-3);
        assertEquals(500_000, onPrem.utilisation().timeBased().numerator(), EPS);
        assertEquals(2_628_000, onPrem.utilisation().timeBased().denominator(), EPS);
        // 100M tokens / (1,496 tok/s × 2,628,000 s) = 2.54 %
        assertEquals(2.5436, onPrem.utilisation().throughputBased().percent(), 1e-4);

        OptionResult cheap = option(r, "cheap API");
        assertEquals(25, cheap.month1().amortised(), EPS);                        // 0.25 × 100
        assertEquals(300, cheap.firstYear().cash(), EPS);                         // 25 × 12 (the case said 600)
        OptionResult gpt = option(r, "gpt-4");
        assertEquals(5000, gpt.month1().amortised(), 1e-3);                       // 33.3M × $30 + 66.7M × $60
        assertEquals(60_000, gpt.firstYear().cash(), 1e-2);

        Comparison vsCheap = comparison(r, "cheap API");
        assertTrue(vsCheap.breakEven().never());                                  // $500 running > $25 API
        assertNull(vsCheap.breakEven().months());
        assertTrue(vsCheap.breakEven().formula().startsWith("never"));
        Comparison vsGpt = comparison(r, "gpt-4");
        assertFalse(vsGpt.breakEven().never());
        assertEquals(2.0, vsGpt.breakEven().months(), 1e-6);                       // 9,000 / (5,000 − 500)
        assertEquals(2, vsGpt.breakEven().month());
        // saving with amortisation: 1 − 687.5 / 5,000 = 86.25 % (the case said 94 %)
        assertEquals(86.25, vsGpt.monthlySaving().percent(), 1e-4);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("memory fit was not checked")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("2.5% utilised")), r.warnings().toString());
    }

    @Test
    void llama3SeventyBInFp16IsRejectedOnOneA100() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Defaults.evaluator().evaluate(new Scenario(
                "case study", caseWorkload(), List.of(a100("1x A100", "llama-3-70b", 1), gpt4()), 36, null, null)));
        assertEquals(400, e.error().status());
        assertEquals("model_does_not_fit", e.error().code());
        // weights 70.6e9 × 2 B = 141.2 GB; KV 320 KiB × 8,192 = 2.7 GB; usable 40 GiB × 0.9 = 38.7 GB
        assertTrue(e.getMessage().contains("it needs 143.9 GB (weights 141.2 GB + KV cache 2.7 GB"), e.getMessage());
        assertTrue(e.getMessage().contains("38.7 GB usable"), e.getMessage());
    }

    @Test
    void theCorrectedCaseOnFourA100s() {
        ScenarioResult r = Defaults.evaluator().evaluate(new Scenario("case study corrected", caseWorkload(),
                List.of(a100("4x A100", "llama-3-70b", 4), cheapApi(), gpt4(),
                        new ScenarioOption(null, "api", "together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo",
                                null, null, null, null, null, null, null, null)), 36, null, null));
        OptionResult onPrem = option(r, "4x A100");
        assertEquals(36_000, onPrem.capex(), EPS);
        assertEquals(1250, onPrem.month1().amortised(), EPS);                     // 36,000 / 48 + 500
        assertTrue(onPrem.capacity().memory().fits());
        // per 1M: measured 1,250 / 100 = $12.50; floor 1,250 / 3,931.5M × 1e6 = $0.318
        assertEquals(12.5, onPrem.perMillion().get(0).blended(), 1e-9);
        assertEquals(1250 / (1496 * 2_628_000.0) * 1e6, onPrem.perMillion().get(2).blended(), 1e-9);
        assertEquals(1250 / (1496 * 2_628_000.0 * 0.6) * 1e6, onPrem.perMillion().get(1).blended(), 1e-9);

        Comparison vsGpt = comparison(r, "gpt-4");
        assertEquals(8.0, vsGpt.breakEven().months(), 1e-6);                       // 36,000 / (5,000 − 500)
        assertEquals(8, vsGpt.breakEven().month());
        assertEquals(25e6, vsGpt.breakEvenVolume().tokensPerMonth(), 1);          // 1,250 / $50 per 1M
        assertTrue(comparison(r, "cheap API").breakEven().never());
        // 1,250 / 0.25e-6 = 5.0B tokens > 1,496 × 2,628,000 × 0.6 = 2.36B at the target utilisation
        assertTrue(comparison(r, "cheap API").breakEvenVolume().never());
        Comparison vsTogether = comparison(r, "together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo");
        assertEquals(1250 / 0.88e-6, vsTogether.breakEvenVolume().tokensPerMonth(), 1);   // 1.42B
        assertTrue(vsTogether.breakEven().never());                               // $88 API < $500 running

        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("different models") && w.contains("'gpt-4'")),
                r.warnings().toString());
        // an inline price names no model, so it is not judged; Llama 3.1 is another model than Llama 3
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("different models") && w.contains("cheap API")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("different models") && w.contains("Llama-3.1")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("not itemised")));
        assertEquals(16, r.sensitivity().size());
    }
}
