package io.modelshift.api.rollout;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRolloutModelTest {

    @Test
    void readsTheExampleWithFabric8() throws Exception {
        ModelRollout mro;
        try (InputStream in = getClass().getResourceAsStream("/rollout/llama-70b.yaml")) {
            mro = Serialization.unmarshal(in, ModelRollout.class);
        }
        ModelRolloutSpec spec = mro.getSpec();
        assertEquals("llama-70b", spec.route());
        assertEquals("llama-3-70b", spec.canary().model());
        assertEquals(9, spec.steps().size());
        assertEquals(10, spec.steps().get(0).mirror().percent());
        assertEquals(50, spec.steps().get(2).setWeight());
        assertNull(spec.steps().get(7).pause().duration());
        assertEquals("pause until promoted", spec.steps().get(7).label());
        assertEquals(0.10, spec.gate("ttft-p95").prometheus().maxIncrease());
        assertEquals(200L, spec.gate("quality").minSamples());
        assertEquals("evaluation", spec.gate("quality").kind());
        assertEquals(FailurePolicy.Abort, spec.failurePolicyOrDefault());
        assertEquals(2, spec.backgroundAnalysis().startingStepOrDefault());
        assertNull(mro.getStatus());
    }

    @Test
    void statusRoundTripsThroughJson() {
        ModelRollout mro = new ModelRollout("x", new ModelRolloutSpec("r", new Variant("a", "http://a"), new Variant("b", "http://b"),
                null, List.of(RolloutStep.weight(50)), null, null, null, null, null));
        ModelRolloutStatus st = new ModelRolloutStatus();
        st.setPhase(RolloutPhase.Analyzing);
        st.setDesiredWeight(50);
        st.setLastAnalysis(new AnalysisResult("2026-01-01T00:00:00Z", false, GateVerdict.Fail,
                List.of(new GateResult("ttft", "prometheus", GateVerdict.Fail, 0.9, 0.7, null, 0.77, 1000L, "0.9 > 0.77"))));
        st.getConditions().add(new RolloutCondition(RolloutCondition.COMPLETED, "False", "Progressing", "m", "t"));
        mro.setStatus(st);
        String json = Serialization.asJson(mro);
        assertTrue(!json.contains("\"true\""), json);
        ModelRollout back = Serialization.unmarshal(json, ModelRollout.class);
        assertEquals(RolloutPhase.Analyzing, back.getStatus().getPhase());
        assertEquals(0.77, back.getStatus().getLastAnalysis().gates().get(0).upper());
        assertEquals("False", back.getStatus().condition("Completed").status());
    }

    @Test
    void stepsHashIgnoresFormattingButNotContent() {
        List<RolloutStep> a = List.of(RolloutStep.mirror(10, "30m"), RolloutStep.weight(50), RolloutStep.pauseUntilPromoted());
        List<RolloutStep> same = List.of(new RolloutStep(null, null, new MirrorStep(10, "30m"), null),
                new RolloutStep(50, null, null, null), new RolloutStep(null, new PauseStep(null), null, null));
        assertEquals(StepsHash.of(a), StepsHash.of(same));
        assertEquals(16, StepsHash.of(a).length());
        assertNotEquals(StepsHash.of(a), StepsHash.of(List.of(RolloutStep.mirror(10, "30m"), RolloutStep.weight(60), RolloutStep.pauseUntilPromoted())));
        assertNotEquals(StepsHash.of(a), StepsHash.of(List.of(RolloutStep.weight(50), RolloutStep.mirror(10, "30m"), RolloutStep.pauseUntilPromoted())));
    }

    @Test
    void durationsParseLikeKubectl() {
        assertEquals(Duration.ofMinutes(90), RolloutDuration.parse("1h30m", null));
        assertEquals(Duration.ofMillis(500), RolloutDuration.parse("500ms", null));
        assertEquals(Duration.ofSeconds(45), RolloutDuration.parse(null, Duration.ofSeconds(45)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RolloutDuration.parse("10 minutes", null));
        assertTrue(e.getMessage().contains("write e.g. 90s"));
    }

    @Test
    void actionsParseFromAnnotationValues() {
        assertEquals(RolloutAction.PROMOTE_FULL, RolloutAction.parse(" Promote-Full "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RolloutAction.parse("rollback"));
        assertTrue(e.getMessage().contains("[promote, promote-full, abort, retry, pause, resume]"), e.getMessage());
    }
}
