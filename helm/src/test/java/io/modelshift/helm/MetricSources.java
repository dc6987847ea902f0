package io.modelshift.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names a module's code exports, derived from its sources: Micrometer builders named the way
 * Micrometer's Prometheus naming convention names them (dots to underscores, base unit appended, counters
 * `_total`, timers in `_seconds` with `_count`/`_sum`/`_max` and `_bucket` when they publish a histogram), plus
 * vLLM-style names the simulator writes itself.
 */
final class MetricSources {

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Timer|FunctionTimer|LongTaskTimer|Gauge|TimeGauge|DistributionSummary)"
                    + "\\s*\\.\\s*builder\\(\\s*\"([^\"]+)\"");
    private static final Pattern SHORTHAND = Pattern.compile(
            "\\.\\s*(counter|timer|gauge|summary)\\(\\s*\"([^\"]+)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*(?:\"([^\"]+)\"|BaseUnits\\.(\\w+))");
    private static final Pattern HISTOGRAM = Pattern.compile("publishPercentileHistogram|serviceLevelObjectives|\\.sla\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:vllm:|modelshift_)[a-z0-9_:]+)\"");
    private static final Pattern LITERAL_HISTOGRAM = Pattern.compile("new\\s+Histogram\\(\\s*\"([^\"]+)\"");

    private MetricSources() {
    }

    /** The module's main sources, or null when the module is not part of this repository (yet). */
    static Path sourcesOf(String module) {
        Path sources = ChartUnderTest.MODULE.getParent().resolve(module).resolve("src/main/java");
        return Files.isDirectory(sources) ? sources : null;
    }

    static Set<String> exportedBy(Path sources) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> names.addAll(namesIn(read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static Set<String> namesIn(String code) {
        Set<String> names = new TreeSet<>();
        Matcher b = BUILDER.matcher(code);
        while (b.find()) {
            String chain = chain(code, b.end());
            Matcher unit = BASE_UNIT.matcher(chain);
            String baseUnit = unit.find() ? (unit.group(1) != null ? unit.group(1) : unit.group(2).toLowerCase()) : null;
            names.addAll(prometheusNames(b.group(1), b.group(2), baseUnit, HISTOGRAM.matcher(chain).find()));
        }
        Matcher s = SHORTHAND.matcher(code);
        while (s.find()) {
            String type = switch (s.group(1)) {
                case "counter" -> "Counter";
                case "timer" -> "Timer";
                case "summary" -> "DistributionSummary";
                default -> "Gauge";
            };
            names.addAll(prometheusNames(type, s.group(2), null, false));
        }
        Matcher l = LITERAL.matcher(code);
        while (l.find()) {
            names.add(l.group(1));
        }
        Matcher h = LITERAL_HISTOGRAM.matcher(code);
        while (h.find()) {
            for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
                names.add(h.group(1) + suffix);
            }
        }
        return names;
    }

    /** The builder call's chain, up to its register(...) (or a statement's end). */
    private static String chain(String code, int from) {
        int register = code.indexOf(".register(", from);
        int end = code.indexOf(';', from);
        int stop = register >= 0 && (end < 0 || register < end) ? register : end < 0 ? code.length() : end;
        return code.substring(from, stop);
    }

    static Set<String> prometheusNames(String type, String micrometerName, String baseUnit, boolean histogram) {
        String base = micrometerName.replaceAll("[^a-zA-Z0-9_:]", "_");
        String unit = switch (type) {
            case "Timer", "FunctionTimer", "LongTaskTimer", "TimeGauge" -> "seconds";
            default -> baseUnit;
        };
        if (unit != null && !base.endsWith("_" + unit)) {
            base = base + "_" + unit;
        }
        Set<String> names = new TreeSet<>();
        switch (type) {
            case "Counter", "FunctionCounter" -> names.add(base.endsWith("_total") ? base : base + "_total");
            case "Gauge", "TimeGauge" -> names.add(base);
            case "LongTaskTimer" -> {
                names.add(base + "_active_count");
                names.add(base + "_duration_sum");
                names.add(base + "_max");
            }
            default -> {
                names.add(base + "_count");
                names.add(base + "_sum");
                names.add(base + "_max");
                if (histogram) {
                    names.add(base + "_bucket");
                }
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
