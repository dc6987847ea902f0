package io.modelshift.api.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRD generated at build time from the Java model: names, columns, subresource, and a schema that rejects bad input. */
class ModelRolloutCrdTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode crd;
    private static JsonNode version;
    private static JsonNode schema;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ModelRolloutCrdTest.class.getResourceAsStream("/META-INF/fabric8/" + ModelRollout.CRD_FILE)) {
            assertNotNull(in, "the CRD generator did not write META-INF/fabric8/" + ModelRollout.CRD_FILE);
            crd = YAML.readTree(in);
        }
        version = crd.at("/spec/versions/0");
        schema = version.at("/schema/openAPIV3Schema");
    }

    @Test
    void namesGroupVersionAndShortName() {
        assertEquals("modelrollouts.modelshift.io", crd.at("/metadata/name").asText());
        assertEquals("modelshift.io", crd.at("/spec/group").asText());
        assertEquals("Namespaced", crd.at("/spec/scope").asText());
        assertEquals("ModelRollout", crd.at("/spec/names/kind").asText());
        assertEquals("mro", crd.at("/spec/names/shortNames/0").asText());
        assertEquals("v1alpha1", version.path("name").asText());
        assertTrue(version.path("served").asBoolean() && version.path("storage").asBoolean());
    }

    @Test
    void statusIsASubresourceSoHelmNeverOverwritesIt() {
        assertTrue(version.at("/subresources").has("status"));
    }

    @Test
    void printerColumnsTellTheStoryInOrder() {
        List<String> defaults = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (JsonNode c : version.path("additionalPrinterColumns")) {
            String column = c.path("name").asText() + "=" + c.path("jsonPath").asText();
            all.add(column);
            if (c.path("priority").asInt() == 0) {
                defaults.add(column);
            }
        }
        // kubectl get mro shows them in list order: route, stable, canary, weight, step, phase, age
        assertEquals(List.of("Route=.spec.route", "Stable=.spec.stable.model", "Canary=.spec.canary.model",
                "Weight=.status.desiredWeight", "Step=.status.step", "Phase=.status.phase",
                "Age=.metadata.creationTimestamp"), defaults);
        // -o wide adds the observed weight next to the desired one and the message before the age
        assertEquals(List.of("Route=.spec.route", "Stable=.spec.stable.model", "Canary=.spec.canary.model",
                "Weight=.status.desiredWeight", "Observed=.status.observedWeight", "Step=.status.step",
                "Phase=.status.phase", "Message=.status.message", "Age=.metadata.creationTimestamp"), all);
        assertEquals(PrinterColumnOrder.declared(), all.stream().map(c -> c.substring(c.indexOf('=') + 1)).toList());
    }

    @Test
    void theHelmChartsCopyHasTheColumnsInTheSameOrder() throws Exception {
        java.nio.file.Path copy = java.nio.file.Path.of("../helm/modelshift/crds/" + ModelRollout.CRD_FILE);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(copy), "no Helm chart next to this module");
        List<String> paths = new ArrayList<>();
        YAML.readTree(copy.toFile()).at("/spec/versions/0/additionalPrinterColumns")
                .forEach(c -> paths.add(c.path("jsonPath").asText()));
        assertEquals(PrinterColumnOrder.declared(), paths, "stale chart CRD: cp modelshift-api/target/classes/META-INF/fabric8/"
                + ModelRollout.CRD_FILE + " helm/modelshift/crds/");
    }

    @Test
    void schemaDescribesSpecAndStatus() {
        JsonNode spec = schema.at("/properties/spec");
        assertEquals(List.of("canary", "route", "stable", "steps"), texts(spec.path("required")));
        JsonNode steps = spec.at("/properties/steps");
        assertEquals(1, steps.path("minItems").asInt());
        assertEquals(0.0, steps.at("/items/properties/setWeight/minimum").asDouble());
        assertEquals(100.0, steps.at("/items/properties/setWeight/maximum").asDouble());
        assertEquals(100.0, steps.at("/items/properties/mirror/properties/percent/maximum").asDouble());
        assertTrue(steps.at("/items/x-kubernetes-validations/0/rule").asText().contains("size() == 1"));
        assertTrue(spec.at("/properties/gates/items/x-kubernetes-validations/0/rule").asText().contains("has(self.prometheus)"));
        assertEquals(List.of("Abort", "Freeze"), texts(spec.at("/properties/failurePolicy/enum")));
        JsonNode status = schema.at("/properties/status/properties");
        for (String f : List.of("phase", "currentStepIndex", "totalSteps", "desiredWeight", "observedWeight", "stepStartedAt",
                "lastAnalysis", "message", "conditions", "history", "stepsHash")) {
            assertTrue(status.has(f), "status." + f + " missing");
        }
        assertEquals(List.of("Aborted", "Analyzing", "Frozen", "Paused", "Pending", "Progressing", "Promoted"),
                texts(status.at("/phase/enum")));
        assertTrue(status.at("/lastAnalysis/properties/gates/items/properties").has("upper"));
    }

    @Test
    void theExampleIsValid() throws Exception {
        assertEquals(List.of(), StructuralSchema.violations(schema, example()));
    }

    @Test
    void weightsOutOfRangeAreRejected() throws Exception {
        ObjectNode doc = example();
        ((ObjectNode) doc.at("/spec/steps/2")).put("setWeight", 101);
        ((ObjectNode) doc.at("/spec/steps/0/mirror")).put("percent", -5);
        List<String> v = StructuralSchema.violations(schema, doc);
        assertTrue(v.contains(".spec.steps[2].setWeight: should be less than or equal to 100.0"), v.toString());
        assertTrue(v.contains(".spec.steps[0].mirror.percent: should be greater than or equal to 0.0"), v.toString());
    }

    @Test
    void emptyOrMissingStepsAreRejected() throws Exception {
        ObjectNode doc = example();
        ((ObjectNode) doc.get("spec")).putArray("steps");
        assertEquals(List.of(".spec.steps: should have at least 1 items"), StructuralSchema.violations(schema, doc));
        ((ObjectNode) doc.get("spec")).remove("steps");
        assertEquals(List.of(".spec.steps: Required value"), StructuralSchema.violations(schema, doc));
    }

    @Test
    void badDurationsNamesAndPoliciesAreRejected() throws Exception {
        ObjectNode doc = example();
        ((ObjectNode) doc.get("spec")).put("progressDeadline", "ten minutes");
        ((ObjectNode) doc.get("spec")).put("route", "Llama 70B");
        ((ObjectNode) doc.get("spec")).put("failurePolicy", "Rollback");
        ((ObjectNode) doc.at("/spec/canary")).remove("upstream");
        List<String> v = StructuralSchema.violations(schema, doc);
        assertEquals(4, v.size(), v.toString());
        assertTrue(v.contains(".spec.failurePolicy: Unsupported value: \"Rollback\""), v.toString());
        assertTrue(v.contains(".spec.canary.upstream: Required value"), v.toString());
    }

    private static ObjectNode example() throws Exception {
        try (InputStream in = ModelRolloutCrdTest.class.getResourceAsStream("/rollout/llama-70b.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
