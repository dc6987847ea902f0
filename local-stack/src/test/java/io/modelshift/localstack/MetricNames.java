package io.modelshift.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Metric names on both sides: those a chart's dashboards and rules use, and those saved scrapes served. */
final class MetricNames {

    /** modelshift's own names and vLLM's (which the simulator serves as vLLM does). */
    private static final Pattern NAME = Pattern.compile("\\b(modelshift_[a-z0-9_]+|vllm:[a-z0-9_]+)");

    private MetricNames() {
    }

    /** Names in the chart's dashboards/*.json and rules/*.yaml (PromQL expressions and template variables). */
    static Set<String> usedBy(Path chart) throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path dir : new Path[]{chart.resolve("dashboards"), chart.resolve("rules")}) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Matcher m = NAME.matcher(Files.readString(f));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return used;
    }

    /** Sample names in the Prometheus text expositions (*.prom) of a folder. */
    static Set<String> servedIn(Path folder) throws IOException {
        Set<String> served = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".prom")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        served.add(line.split("[{ ]", 2)[0]);
                    }
                }
            }
        }
        return served;
    }
}
