package io.modelshift.helm;

import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * k8s/: the chart rendered with its default values as plain manifests for kubectl users, in three files: the CRD,
 * the deployment, and the Prometheus Operator objects (apply those only where the operator's CRDs exist).
 * Regenerate with the command in helm/README.md; PlainManifestsTest fails while they are stale.
 */
final class PlainManifests {

    static final Path K8S = ChartUnderTest.MODULE.getParent().resolve("k8s");
    static final String RELEASE = "modelshift";
    static final String NAMESPACE = "modelshift";
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final String HEADER = """
            # GENERATED from helm/modelshift with its default values (release "%s", namespace "%s"): do not edit.
            # Regenerate: ./mvnw -B -q -pl helm -am verify -Dtest=PlainManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmodelshift.k8s.write=true
            """;

    private PlainManifests() {
    }

    /** File name -> content. */
    static Map<String, String> render() throws IOException {
        String rendered = new Helm(ChartUnderTest.CHART).template().withName(RELEASE).withNamespace(NAMESPACE).call();
        List<String> core = new ArrayList<>();
        List<String> monitoring = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
            String doc = document.strip();
            if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            (doc.contains("apiVersion: monitoring.coreos.com/") ? monitoring : core).add(doc);
        }
        String header = HEADER.formatted(RELEASE, NAMESPACE);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("crds/modelrollouts.modelshift.io-v1.yml", Files.readString(RolloutTest.CRD));
        files.put("modelshift.yaml", header + "---\n" + String.join("\n---\n", core) + "\n");
        files.put("monitoring.yaml", header + "# Needs the Prometheus Operator's CRDs (ServiceMonitor, PodMonitor, PrometheusRule).\n---\n"
                + String.join("\n---\n", monitoring) + "\n");
        return files;
    }

    static void write() throws IOException {
        for (Map.Entry<String, String> file : render().entrySet()) {
            Path target = K8S.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}
