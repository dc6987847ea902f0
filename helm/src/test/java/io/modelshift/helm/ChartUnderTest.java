package io.modelshift.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The chart at helm/modelshift, linted and rendered by the real Helm library (helm-java), no cluster needed. */
final class ChartUnderTest {

    static final Path MODULE = locateModule();
    static final Path CHART = MODULE.resolve("modelshift");
    static final Path VALUE_SETS = MODULE.resolve("src/test/resources/values");
    static final String RELEASE = "ms";
    static final String NAMESPACE = "llm";

    private ChartUnderTest() {
    }

    /** Renders with the default values plus the named value set files (src/test/resources/values/NAME.yaml). */
    static RenderedChart render(String... valueSets) {
        return render(Map.of(), valueSets);
    }

    static RenderedChart render(Map<String, Object> sets, String... valueSets) {
        return render(CHART, sets, valueSets);
    }

    static RenderedChart render(Path chart, Map<String, Object> sets, String... valueSets) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String set : valueSets) {
            template = template.withValuesFile(valueSet(set));
        }
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            template = template.set(e.getKey(), e.getValue());
        }
        return RenderedChart.parse(template.call());
    }

    /** Strict lint, with the chart's values.yaml replaced by the defaults merged with the value sets. */
    static LintResult lint(Path workDir, String... valueSets) throws Exception {
        Path copy = ChartCopy.withValues(CHART, workDir, valueSets);
        return new Helm(copy).lint().strict().call();
    }

    static Path valueSet(String name) {
        Path file = VALUE_SETS.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no value set " + file);
        }
        return file;
    }

    /** The module folder, whether the tests run from the module (Maven) or from the repository root (an IDE). */
    private static Path locateModule() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[] {here, here.resolve("helm")}) {
            if (Files.isRegularFile(candidate.resolve("modelshift/Chart.yaml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find helm/modelshift/Chart.yaml from " + here);
    }
}
