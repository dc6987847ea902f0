package io.modelshift.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `helm lint --strict` with the defaults and with each value set; templating each set parses into objects. */
class ChartLintTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "simulator", "several-models", "hpa-off", "monitoring-off", "canary"})
    void lintsStrictlyAndRenders(String valueSet, @TempDir Path work) throws Exception {
        String[] sets = valueSet.isEmpty() ? new String[0] : new String[] {valueSet};
        LintResult lint = ChartUnderTest.lint(work, sets);
        assertFalse(lint.isFailed(), () -> "lint failed: " + lint.getMessages());
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> "lint messages: " + lint.getMessages());
        RenderedChart chart = ChartUnderTest.render(sets);
        assertTrue(chart.objects().size() > 20, () -> "only " + chart.objects().size() + " objects");
    }
}
