package io.modelshift.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** src/test/resources/metrics/exported-metrics.txt: the names the dashboard and rules may use, and who exports them. */
record MetricCatalogue(Map<String, Entry> entries) {

    static final Path FILE = ChartUnderTest.MODULE.resolve("src/test/resources/metrics/exported-metrics.txt");
    /** Exported metric names in PromQL: ours all start with modelshift_ (recording rules use modelshift:), vLLM's with vllm:. */
    private static final Pattern NAME = Pattern.compile("\\b(modelshift_[a-z0-9_]+|vllm:[a-z0-9_:]+)");

    record Entry(String name, String module, boolean exported) {
    }

    static MetricCatalogue load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                if (f.length != 3 || !(f[2].equals("exported") || f[2].equals("planned"))) {
                    throw new IllegalStateException(FILE + ": bad line: " + line);
                }
                entries.put(f[0], new Entry(f[0], f[1], f[2].equals("exported")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricCatalogue(entries);
    }

    static Set<String> metricNamesIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
