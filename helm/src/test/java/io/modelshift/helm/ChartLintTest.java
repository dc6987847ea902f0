package io.modelshift.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `helm lint --strict` with the defaults and with each value set; templating each set parses into objects. */
class ChartLintTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "simulator", "several-models", "hpa-off", "monitoring-off", "canary",
            "proxy-protocol-per-model"})
    void lintsStrictlyAndRenders(String valueSet, @TempDir Path work) throws Exception {
        String[] sets = valueSet.isEmpty() ? new String[0] : new String[] {valueSet};
        LintResult lint = ChartUnderTest.lint(work, sets);
        assertFalse(lint.isFailed(), () -> "lint failed: " + lint.getMessages());
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> "lint messages: " + lint.getMessages());
        RenderedChart chart = ChartUnderTest.render(sets);
        assertTrue(chart.objects().size() > 20, () -> "only " + chart.objects().size() + " objects");
        List<String> unknown = chart.objects().stream().flatMap(o -> UnknownFields.in(o).stream()).toList();
        assertEquals(List.of(), unknown, "fields Kubernetes does not know");
    }

    @Test
    void unknownFieldsAreCaught() {
        RenderedChart typo = RenderedChart.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinesProbe: {httpGet: {path: /, port: 80}}
                """);
        assertEquals(List.of("Deployment/typo.spec.template.spec.containers[0]: [readinesProbe]"),
                UnknownFields.in(typo.objects().get(0)));
    }
}
