package io.modelshift.api.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated CRD's CEL rules (x-kubernetes-validations) compiled and evaluated against valid and invalid objects. */
class ModelRolloutCelTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String GATE = "a gate sets exactly one of evaluation, prometheus, cost";
    private static final String STEP = "a step sets exactly one of setWeight, pause, mirror, analysis";
    private static CelRules rules;

    @BeforeAll
    static void compile() throws Exception {
        try (InputStream in = ModelRolloutCelTest.class.getResourceAsStream("/META-INF/fabric8/" + ModelRollout.CRD_FILE)) {
            assertNotNull(in, "the CRD generator did not write META-INF/fabric8/" + ModelRollout.CRD_FILE);
            rules = new CelRules(YAML.readTree(in).at("/spec/versions/0/schema/openAPIV3Schema"));
        }
    }

    private static ObjectNode example() throws Exception {
        try (InputStream in = ModelRolloutCelTest.class.getResourceAsStream("/rollout/llama-70b.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        }
    }

    @Test
    void everyRuleCompilesToABoolean() {
        List<String> where = rules.all().stream().map(r -> r.at() + ": " + r.message()).toList();
        assertEquals(List.of(".spec.gates[*]: " + GATE, ".spec.steps[*]: " + STEP), where);
    }

    @Test
    void theExampleSatisfiesEveryRule() throws Exception {
        ObjectNode doc = example();
        assertTrue(doc.at("/spec/gates").size() >= 3 && doc.at("/spec/steps").size() >= 4, "the example covers every kind");
        assertEquals(List.of(), rules.violations(doc));
    }

    @Test
    void aGateWithTwoKindsOrNoneIsRejected() throws Exception {
        ObjectNode doc = example();
        ObjectNode first = (ObjectNode) doc.at("/spec/gates/0");
        first.putObject("cost").put("maxIncrease", 0.1);   // now evaluation + cost (or prometheus + cost)
        ObjectNode last = (ObjectNode) doc.at("/spec/gates").get(doc.at("/spec/gates").size() - 1);
        last.remove(List.of("evaluation", "prometheus", "cost"));
        assertEquals(List.of(".spec.gates[0]: " + GATE, ".spec.gates[" + (doc.at("/spec/gates").size() - 1) + "]: " + GATE),
                rules.violations(doc));
    }

    @Test
    void aStepWithNoKindOrTwoIsRejected() throws Exception {
        ObjectNode doc = example();
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/spec/steps")).insertObject(1);
        ObjectNode weightAndPause = (ObjectNode) doc.at("/spec/steps").get(0);
        weightAndPause.put("setWeight", 10);
        weightAndPause.putObject("pause");
        List<String> v = rules.violations(doc);
        assertEquals(List.of(".spec.steps[0]: " + STEP, ".spec.steps[1]: " + STEP), v);
    }

    @Test
    void anEmptyPauseIsStillAKind() throws Exception {
        ObjectNode doc = example();
        JsonNode steps = doc.at("/spec/steps");
        ((com.fasterxml.jackson.databind.node.ArrayNode) steps).addObject().putObject("pause"); // pause: {} waits for promote
        assertEquals(List.of(), rules.violations(doc));
    }
}
