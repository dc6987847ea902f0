package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k8s/ holds the chart's default rendering; -Dmodelshift.k8s.write=true regenerates it. */
class PlainManifestsTest {

    @Test
    void plainManifestsAreUpToDateWithTheChart() throws Exception {
        if (Boolean.getBoolean("modelshift.k8s.write")) {
            PlainManifests.write();
        }
        for (Map.Entry<String, String> file : PlainManifests.render().entrySet()) {
            Path path = PlainManifests.K8S.resolve(file.getKey());
            assertTrue(Files.isRegularFile(path), path + " is missing: regenerate k8s/ (see helm/README.md)");
            assertEquals(file.getValue(), Files.readString(path), path + " is stale: regenerate k8s/ (see helm/README.md)");
        }
    }

    @Test
    void plainManifestsParseAndHoldTheWholeDeployment() throws Exception {
        RenderedChart core = RenderedChart.parse(Files.readString(PlainManifests.K8S.resolve("modelshift.yaml")));
        assertEquals(7, core.all(Deployment.class).size());
        assertTrue(core.all(Namespace.class).isEmpty(), "kubectl users choose their namespace");
        core.objects().forEach(o -> assertTrue(o.getMetadata().getName().startsWith("modelshift-"), o.getMetadata().getName()));
        RenderedChart monitoring = RenderedChart.parse(Files.readString(PlainManifests.K8S.resolve("monitoring.yaml")));
        assertEquals(3, monitoring.objects().size());
    }
}
