package io.modelshift.helm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** helm/modelshift/crds/ holds an up-to-date copy of the CRD that modelshift-api generates from the Java model. */
class CrdCopyTest {

    static final String GENERATED = "META-INF/fabric8/modelrollouts.modelshift.io-v1.yml";

    @Test
    void chartCrdIsTheGeneratedOne() throws Exception {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GENERATED)) {
            Assumptions.assumeTrue(in != null, "modelshift-api does not generate " + GENERATED
                    + " in this build yet (the ModelRollout model has not landed): the copy is not checked");
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(RolloutTest.CRD), "the chart's CRD is stale: run cp "
                + "modelshift-api/target/classes/" + GENERATED + " helm/modelshift/crds/");
    }

    @Test
    void chartCrdIsTheModelRolloutDefinition() throws Exception {
        String crd = Files.readString(RolloutTest.CRD);
        assertTrue(crd.contains("name: \"modelrollouts.modelshift.io\"") && crd.contains("- \"mro\"")
                && crd.contains("status: {}"), "not the ModelRollout CRD with the mro short name and status");
    }
}
