package io.modelshift.localstack.report;

import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.Decision;
import io.modelshift.localstack.report.MigrationReport.LiveRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {

    static final LiveRow STABLE = new LiveRow("llama-2-70b", 100, 1, 0.01, 900, 1300, 200.0, 3, 90, 50, 25, java.util.Map.of());
    static final LiveRow CANARY = new LiveRow("llama-3-70b", 100, 15, 0.15, 1500, 2900, 1700.0, 3, 80, 50, 25, java.util.Map.of("http_500", 15L));
    static final BenchmarkRow WORSE = new BenchmarkRow("gsm8k", 60, 0.57, 0.45, 0.69, 0.35, 0.24, 0.48, -0.22,
            -0.36, -0.08, 0.004, true, null);
    static final BenchmarkRow BETTER = new BenchmarkRow("mmlu", 60, 0.52, 0.4, 0.64, 0.8, 0.68, 0.88, 0.28, 0.13,
            0.43, 0.0008, true, null);

    @Test
    void anAbortedRolloutIsARollBackWithTheControllersReasonAndTheEvidence() {
        var r = Recommender.decide("Aborted", "gate quality failed", List.of(WORSE), STABLE, CANARY);
        assertEquals(Decision.ROLL_BACK, r.decision());
        assertTrue(r.summary().contains("gate quality failed"), r.summary());
        assertTrue(r.reasons().stream().anyMatch(x -> x.startsWith("significant regression on gsm8k")), r.reasons()
                .toString());
        assertTrue(r.reasons().stream().anyMatch(x -> x.contains("error rate 15.0% on llama-3-70b")), r.reasons()
                .toString());
    }

    @Test
    void promotedWithoutRegressionsIsPromoteAndABenchmarkRegressionHoldsIt() {
        assertEquals(Decision.PROMOTE, Recommender.decide("Promoted", null, List.of(BETTER), STABLE, STABLE).decision());
        assertEquals(Decision.HOLD, Recommender.decide("Promoted", null, List.of(BETTER, WORSE), STABLE, STABLE)
                .decision());
    }

    @Test
    void noDecisionFromTheControllerIsHold() {
        var r = Recommender.decide("Paused", "waiting for a human", List.of(), null, null);
        assertEquals(Decision.HOLD, r.decision());
        assertTrue(r.summary().contains("Paused") && r.summary().contains("waiting for a human"), r.summary());
        assertEquals(Decision.HOLD, Recommender.decide(null, null, List.of(), null, null).decision());
    }
}
