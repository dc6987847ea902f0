package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.FailurePolicy;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import io.modelshift.api.rollout.RolloutCondition;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.api.rollout.Variant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.modelshift.gateway.rollout.RolloutHarness.llamaSteps;
import static io.modelshift.gateway.rollout.RolloutHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutEngineTest {

    private static final Duration MIN = Duration.ofMinutes(1);

    /** setWeight 50, pause 1h, setWeight 100; two ticks in: at 50%, in the pause. */
    private static RolloutHarness atFiftyPercentInAnHourLongPause() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(50), RolloutStep.pauseFor("1h"),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.tick(Duration.ZERO);
        h.tick(MIN);
        return h;
    }

    @Test
    void fullRolloutGoesThroughEveryStepToPromoted() {
        RolloutHarness h = new RolloutHarness(spec(llamaSteps(), FailurePolicy.Abort)).allGood();
        ModelRolloutStatus s = h.tick(Duration.ZERO);
        assertEquals(RolloutPhase.Progressing, s.getPhase());
        assertEquals(10, s.getMirrorPercent());
        assertEquals(0, s.getDesiredWeight());
        assertEquals("1/9", s.getStep());

        List<String> seen = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        while (h.status().getPhase() != RolloutPhase.Paused) {
            h.tick(MIN);
            elapsed = elapsed.plus(MIN);
            seen.add(h.status().getStep() + "@" + h.status().getDesiredWeight() + "/" + h.status().getMirrorPercent());
            assertTrue(elapsed.toMinutes() < 120, "stuck: " + h.status().getMessage());
        }
        // mirror 30m, quality analysis passes at once, 50, 15m analysis, 70, 15m analysis, 90, then the manual gate
        assertEquals(RolloutEngine.PAUSE_STEP, h.status().getPauseReason());
        assertEquals(90, h.status().getDesiredWeight());
        assertEquals("8/9", h.status().getStep());
        assertTrue(seen.contains("4/9@50/0"), seen.toString());
        assertTrue(seen.contains("6/9@70/0"), seen.toString());
        assertTrue(elapsed.toMinutes() >= 60 && elapsed.toMinutes() <= 64, "took " + elapsed);
        assertTrue(h.status().getMessage().contains("modelshift.io/action=promote"), h.status().getMessage());

        h.tick(MIN);
        assertEquals(RolloutPhase.Paused, h.status().getPhase(), "a pause without duration waits for a human");
        h.tick(Duration.ZERO, RolloutAction.PROMOTE);
        assertEquals(100, h.status().getDesiredWeight());
        h.tick(MIN);
        ModelRolloutStatus done = h.status();
        assertEquals(RolloutPhase.Promoted, done.getPhase());
        assertEquals("9/9", done.getStep());
        assertEquals("True", done.condition(RolloutCondition.COMPLETED).status());
        assertEquals("False", done.condition(RolloutCondition.PROGRESSING).status());
        assertEquals("False", done.condition(RolloutCondition.DEGRADED).status());
        assertEquals(9, h.reasons().stream().filter("StepStarted"::equals).count(), h.reasons().toString());
        assertTrue(h.reasons().contains("AnalysisPassed"));
        assertEquals("AllStepsDone", h.reasons().getLast());
        assertEquals("promote", done.getLastAction().action());
    }

    @Test
    void anAnalysisAfterAMirrorKeepsMirroringUntilASetWeightOrPauseEndsIt() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.mirror(50, "8s"), RolloutStep.analysis(null, "quality"),
                RolloutStep.analysis(null, "cost"), RolloutStep.pauseFor("1m"), RolloutStep.weight(50),
                RolloutStep.analysis(null, "cost"), RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.evaluation.answer("quality", new Measurement(null, null, 30L, GateVerdict.Pass, "too early"));
        h.tick(Duration.ZERO);
        assertEquals(50, h.status().getMirrorPercent());
        h.tick(Duration.ofSeconds(8));
        assertEquals("2/7", h.status().getStep());
        assertEquals(RolloutPhase.Analyzing, h.status().getPhase());
        assertEquals(50, h.status().getMirrorPercent(), "the analysis judges the mirror's evidence: the mirror stays on");
        for (int i = 0; i < 5; i++) {
            h.tick(MIN); // 30 candidate samples < minSamples 200: the mirror keeps feeding the analysis
            assertEquals("2/7", h.status().getStep());
            assertEquals(50, h.status().getMirrorPercent());
        }
        h.evaluation.answer("quality", new Measurement(null, null, 400L, GateVerdict.Pass, "non-inferior"));
        h.tick(MIN);
        // quality passed; the second analysis (cost) passes at once and still mirrors; the pause ends the mirror
        assertEquals("4/7", h.status().getStep());
        assertEquals(0, h.status().getMirrorPercent(), "a pause ends the mirror");
        assertTrue(h.status().getHistory().stream().anyMatch(t -> t.step() == 3 && t.reason().equals("StepStarted")));
        h.tick(MIN);
        assertEquals(50, h.status().getDesiredWeight());
        while (h.status().getPhase() != RolloutPhase.Promoted) {
            h.tick(MIN);
            assertEquals(0, h.status().getMirrorPercent(), "an analysis after a setWeight does not mirror");
        }
    }

    @Test
    void anAnalysisFirstInTheStepsHasNoMirrorToKeep() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.analysis(null, "cost"), RolloutStep.mirror(20, "1m"),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.cost.answer("cost", new Measurement(null, null, null, null, null)); // no data: stays on step 1
        h.tick(Duration.ZERO);
        assertEquals("1/3", h.status().getStep());
        assertEquals(0, h.status().getMirrorPercent());
    }

    @Test
    void failingGateAbortsWithinOneIntervalAndWeightGoesToZero() {
        RolloutHarness h = atFiftyPercentInAnHourLongPause();
        assertEquals(50, h.status().getDesiredWeight());
        // the background gate ttft-p95 (from step 1) turns bad
        h.prometheus.answer("ttft-p95", new Measurement(0.60, 0.42, null, null, null));
        Instant failedAt = h.now;
        Duration took = h.runUntil(RolloutPhase.Aborted, Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertTrue(took.compareTo(MIN) <= 0, "aborted after " + took);
        ModelRolloutStatus s = h.status();
        assertEquals(0, s.getDesiredWeight());
        assertEquals("GateFailed", h.reasons().getLast());
        assertTrue(s.getMessage().contains("ttft-p95 Fail (0.6000 > upper bound 0.4620 (stable 0.4200))"), s.getMessage());
        assertEquals("True", s.condition(RolloutCondition.DEGRADED).status());
        assertEquals(0.4620, s.getLastAnalysis().gates().getFirst().upper(), 1e-9);
        assertTrue(h.events.stream().anyMatch(e -> e.warning() && e.reason().equals("GateFailed")));
        assertTrue(!h.now.isBefore(failedAt));
    }

    @Test
    void backgroundGatesKeepWatchingWhileWaitingForAHuman() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(90), RolloutStep.pauseUntilPromoted(),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.tick(Duration.ZERO);
        h.runUntil(RolloutPhase.Paused, MIN, Duration.ofMinutes(3));
        h.tick(MIN, RolloutAction.PAUSE);
        assertEquals(RolloutEngine.MANUAL_PAUSE, h.status().getPauseReason());
        h.prometheus.answer("ttft-p95", new Measurement(0.9, 0.42, null, null, null));
        h.runUntil(RolloutPhase.Aborted, MIN, Duration.ofMinutes(2));
        assertEquals(0, h.status().getDesiredWeight());
        assertEquals("GateFailed", h.reasons().getLast());
    }

    @Test
    void freezeKeepsTheWeightsAndAlerts() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(70), RolloutStep.analysis("10m", "cost"),
                RolloutStep.weight(100)), FailurePolicy.Freeze)).allGood();
        h.cost.answer("cost", new Measurement(1.40, 1.00, null, null, null));
        h.tick(Duration.ZERO);
        h.runUntil(RolloutPhase.Frozen, MIN, Duration.ofMinutes(5));
        ModelRolloutStatus s = h.status();
        assertEquals(70, s.getDesiredWeight());
        assertTrue(s.getMessage().contains("failure policy Freeze: weights kept at 70%"), s.getMessage());
        assertEquals("True", s.condition(RolloutCondition.DEGRADED).status());
        h.tick(Duration.ofHours(1));
        assertEquals(RolloutPhase.Frozen, h.status().getPhase());
        assertEquals(70, h.status().getDesiredWeight());
    }

    @Test
    void inconclusiveEvidencePausesWithAReasonAndResumeAnalyzesAgain() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(50), RolloutStep.analysis("10m", "quality"),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.evaluation.answer("quality", new Measurement(null, null, 900L, GateVerdict.Inconclusive, "difference -0.4pp, CI [-2.1, 1.3]"));
        h.tick(Duration.ZERO);
        Duration took = h.runUntil(RolloutPhase.Paused, MIN, Duration.ofHours(1));
        ModelRolloutStatus s = h.status();
        assertEquals(RolloutEngine.INCONCLUSIVE, s.getPauseReason());
        assertEquals(50, s.getDesiredWeight(), "inconclusive never rolls back");
        assertTrue(took.toMinutes() >= 30, "decides by the progress deadline, took " + took);
        assertTrue(s.getMessage().contains("stayed inconclusive") && s.getMessage().contains("CI [-2.1, 1.3]"), s.getMessage());

        h.evaluation.answer("quality", new Measurement(null, null, 1500L, GateVerdict.Pass, "non-inferior"));
        h.tick(MIN, RolloutAction.RESUME);
        assertEquals(RolloutPhase.Analyzing, h.status().getPhase());
        h.runUntil(RolloutPhase.Promoted, MIN, Duration.ofMinutes(30));
    }

    @Test
    void tooFewSamplesNeverDecideEvenWhenTheValueLooksBad() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(50), RolloutStep.analysis(null, "quality"),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.evaluation.answer("quality", new Measurement(null, null, 37L, GateVerdict.Fail, "accuracy 0.2 vs 0.8"));
        h.tick(Duration.ZERO);
        for (int i = 0; i < 120; i++) {
            h.tick(MIN);
            assertNotEquals(RolloutPhase.Aborted, h.status().getPhase());
            assertNotEquals(RolloutPhase.Promoted, h.status().getPhase());
        }
        assertEquals(GateVerdict.Inconclusive, h.status().getLastAnalysis().verdict());
        assertTrue(h.status().getMessage().contains("37 samples < minSamples 200"), h.status().getMessage());
    }

    @Test
    void measuringErrorsAreToldApartFromFailures() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(50), RolloutStep.analysis(null, "ttft-p95"),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.prometheus.unreachable("ttft-p95", "GET http://prometheus:9090/api/v1/query: connection refused");
        h.tick(Duration.ZERO);
        h.runUntil(RolloutPhase.Paused, MIN, Duration.ofHours(1));
        ModelRolloutStatus s = h.status();
        assertEquals(RolloutEngine.MEASUREMENT_ERROR, s.getPauseReason());
        assertEquals(GateVerdict.Error, s.getLastAnalysis().verdict());
        assertTrue(s.getMessage().contains("could not measure: GET http://prometheus:9090"), s.getMessage());
        assertEquals(50, s.getDesiredWeight());
    }

    @Test
    void aStepsClockStartsOnlyWhenTheObservedSplitMatches() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(50), RolloutStep.pauseFor("10m"),
                RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.trafficOverride = 20.0; // fallbacks keep the canary's real share low
        h.tick(Duration.ZERO);
        h.tick(Duration.ofMinutes(5));
        assertEquals("1/3", h.status().getStep());
        assertNull(h.status().getStepStartedAt());
        assertTrue(h.status().getMessage().contains("waiting for the observed canary share (20.0% of 1000 requests) to reach 50%"),
                h.status().getMessage());
        h.trafficOverride = 48.5;
        h.tick(MIN); // t=6m: matches; the setWeight step is done, the pause starts now
        assertEquals("2/3", h.status().getStep());
        h.tick(Duration.ZERO);
        Instant pauseStart = Instant.parse(h.status().getStepStartedAt());
        assertEquals(h.now, pauseStart);
        h.tick(Duration.ofMinutes(9));
        assertEquals("2/3", h.status().getStep());
        h.tick(Duration.ofMinutes(1));
        assertEquals("3/3", h.status().getStep());
        assertEquals(100, h.status().getDesiredWeight());
    }

    @Test
    void trafficThatNeverMatchesHitsTheProgressDeadline() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(50), RolloutStep.weight(100)), FailurePolicy.Abort));
        h.trafficOverride = 5.0;
        h.tick(Duration.ZERO);
        h.runUntil(RolloutPhase.Aborted, MIN, Duration.ofMinutes(31));
        assertEquals("ProgressDeadlineExceeded", h.reasons().getLast());
        assertEquals(0, h.status().getDesiredWeight());
    }

    @Test
    void manualPauseResumePromoteAbortAndRetry() {
        RolloutHarness h = new RolloutHarness(spec(List.of(RolloutStep.weight(10), RolloutStep.pauseFor("1h"),
                RolloutStep.weight(50), RolloutStep.pauseFor("1h"), RolloutStep.weight(100)), FailurePolicy.Abort)).allGood();
        h.tick(Duration.ZERO);
        h.tick(MIN);
        assertEquals("2/5", h.status().getStep());

        h.tick(MIN, RolloutAction.PAUSE);
        assertEquals(RolloutPhase.Paused, h.status().getPhase());
        assertEquals(RolloutEngine.MANUAL_PAUSE, h.status().getPauseReason());
        h.tick(Duration.ofHours(3));
        assertEquals("2/5", h.status().getStep(), "a manual pause holds even past the step's duration");
        h.tick(MIN, RolloutAction.RESUME);
        assertEquals(RolloutPhase.Progressing, h.status().getPhase());

        h.tick(MIN, RolloutAction.PROMOTE);
        assertEquals(50, h.status().getDesiredWeight());
        h.tick(MIN);
        assertEquals("4/5", h.status().getStep());

        h.tick(MIN, RolloutAction.ABORT);
        assertEquals(RolloutPhase.Aborted, h.status().getPhase());
        assertEquals(0, h.status().getDesiredWeight());
        assertEquals("ManualAbort", h.reasons().getLast());

        h.tick(MIN, RolloutAction.PROMOTE);
        assertEquals(RolloutPhase.Aborted, h.status().getPhase());
        assertTrue(h.status().getLastAction().result().startsWith("refused"), h.status().getLastAction().result());

        h.tick(MIN, RolloutAction.RETRY);
        assertEquals(RolloutPhase.Progressing, h.status().getPhase());
        assertEquals("1/5", h.status().getStep());
        assertEquals(10, h.status().getDesiredWeight());

        h.tick(MIN, RolloutAction.PROMOTE_FULL);
        assertEquals(RolloutPhase.Promoted, h.status().getPhase());
        assertEquals(100, h.status().getDesiredWeight());
        assertEquals("5/5", h.status().getStep());
    }

    @Test
    void editedStepsRestartAtTheCurrentWeightAndReapplyingTheSameSpecChangesNothing() {
        RolloutHarness h = atFiftyPercentInAnHourLongPause();
        assertEquals("2/3", h.status().getStep());
        String hash = h.status().getStepsHash();

        // helm upgrade with identical values: a new object, same content
        h.mro.setSpec(spec(List.of(RolloutStep.weight(50), RolloutStep.pauseFor("1h"), RolloutStep.weight(100)), FailurePolicy.Abort));
        h.tick(MIN);
        assertEquals("2/3", h.status().getStep());
        assertEquals(hash, h.status().getStepsHash());

        h.mro.setSpec(spec(List.of(RolloutStep.pauseFor("5m"), RolloutStep.weight(60), RolloutStep.weight(100)), FailurePolicy.Abort));
        h.tick(MIN);
        assertEquals("StepsChanged", h.status().getHistory().get(h.status().getHistory().size() - 2).reason());
        assertNotEquals(hash, h.status().getStepsHash());
        assertEquals("1/3", h.status().getStep());
        assertEquals(50, h.status().getDesiredWeight(), "the weight stays until a setWeight step moves it");
        h.tick(Duration.ofMinutes(5));
        assertEquals(60, h.status().getDesiredWeight());
    }

    @Test
    void aNewCanaryStartsANewRolloutAndCanaryEqualToStableReturnsToStableAtOnce() {
        RolloutHarness h = atFiftyPercentInAnHourLongPause();
        assertEquals(50, h.status().getDesiredWeight());

        Variant llama31 = new Variant("llama-3.1-70b", "http://proxy-llama31:8080");
        h.mro.setSpec(spec(RolloutHarness.STABLE, llama31, h.mro.getSpec().steps(), FailurePolicy.Abort));
        h.trafficOverride = 0.0; // the new canary has had no traffic yet
        h.tick(Duration.ZERO);
        assertTrue(h.reasons().contains("NewRollout"));
        assertEquals("llama-3.1-70b", h.status().getCanary().model());
        assertEquals(50, h.status().getDesiredWeight(), "step 1 of the new rollout is setWeight 50");
        assertNull(h.status().getStepStartedAt(), "its clock waits for the new canary's traffic");

        // helm rollback to the release before: canary = stable
        h.mro.setSpec(spec(RolloutHarness.STABLE, RolloutHarness.STABLE, h.mro.getSpec().steps(), FailurePolicy.Abort));
        h.tick(Duration.ZERO);
        assertEquals(RolloutPhase.Promoted, h.status().getPhase());
        assertEquals(0, h.status().getDesiredWeight());
        assertEquals("NoCanary", h.reasons().getLast());
        int historySize = h.status().getHistory().size();
        h.tick(MIN);
        assertEquals(historySize, h.status().getHistory().size(), "steady: no repeated transitions");
    }

    @Test
    void invalidResourcesAreReportedInStatusAndNothingMoves() {
        RolloutHarness unknown = new RolloutHarness(spec(RolloutHarness.STABLE, new Variant("llama-3-70b", "llama-3-pool"),
                List.of(RolloutStep.weight(50)), FailurePolicy.Abort));
        ModelRolloutStatus s = unknown.tick(Duration.ZERO);
        assertEquals(RolloutPhase.Pending, s.getPhase());
        assertTrue(s.getMessage().contains("spec.canary.upstream 'llama-3-pool' is neither an http(s) URL nor a variant the gateway knows (unknown variant)"), s.getMessage());
        assertEquals("InvalidSpec", s.condition(RolloutCondition.DEGRADED).reason());
        assertNull(s.getDesiredWeight());

        RolloutHarness known = new RolloutHarness(spec(new Variant("llama-2-70b", "llama-2-70b-pool"), RolloutHarness.CANARY,
                List.of(RolloutStep.weight(50)), FailurePolicy.Abort));
        assertEquals(RolloutPhase.Progressing, known.tick(Duration.ZERO).getPhase());

        RolloutHarness range = new RolloutHarness(spec(List.of(RolloutStep.weight(150), RolloutStep.mirror(-1, "1m")), FailurePolicy.Abort));
        String m = range.tick(Duration.ZERO).getMessage();
        assertTrue(m.contains("spec.steps[0].setWeight 150 is out of range 0..100"), m);
        assertTrue(m.contains("spec.steps[1].mirror.percent -1 is out of range 0..100"), m);

        RolloutHarness empty = new RolloutHarness(spec(List.of(), FailurePolicy.Abort));
        assertTrue(empty.tick(Duration.ZERO).getMessage().contains("spec.steps must list at least one step"));

        RolloutHarness twoKinds = new RolloutHarness(spec(List.of(new RolloutStep(50, new io.modelshift.api.rollout.PauseStep(null), null, null)), FailurePolicy.Abort));
        assertTrue(twoKinds.tick(Duration.ZERO).getMessage().contains("must set exactly one of setWeight, pause, mirror, analysis"));

        // a mid-rollout edit that breaks the spec keeps the last good weights
        RolloutHarness mid = new RolloutHarness(spec(List.of(RolloutStep.weight(30), RolloutStep.pauseFor("1h")), FailurePolicy.Abort)).allGood();
        mid.tick(Duration.ZERO);
        mid.tick(MIN);
        mid.mro.setSpec(spec(List.of(RolloutStep.weight(30), RolloutStep.analysis(null, "nope")), FailurePolicy.Abort));
        mid.tick(MIN);
        assertEquals(30, mid.status().getDesiredWeight());
        assertEquals(RolloutPhase.Progressing, mid.status().getPhase());
        assertTrue(mid.status().getMessage().contains("names unknown gate 'nope'"), mid.status().getMessage());
        assertFalse(mid.status().condition(RolloutCondition.DEGRADED).status().equals("False"));
    }
}
