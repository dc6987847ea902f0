package io.modelshift.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the chart whose values.yaml is the defaults deep-merged with value sets, because `helm lint` from
 * helm-java takes no values files. Merging follows Helm: maps merge key by key, anything else is replaced.
 */
final class ChartCopy {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartCopy() {
    }

    static Path withValues(Path chart, Path workDir, String... valueSets) throws IOException {
        Path copy = workDir.resolve(chart.getFileName());
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Map<String, Object> values = read(chart.resolve("values.yaml"));
        for (String set : valueSets) {
            values = merge(values, read(ChartUnderTest.valueSet(set)));
        }
        YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> o && merged.get(key) instanceof Map<?, ?> b) {
                merged.put(key, merge((Map<String, Object>) b, (Map<String, Object>) o));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        Map<String, Object> map = YAML.readValue(file.toFile(), Map.class);
        return map == null ? new LinkedHashMap<>() : map;
    }
}
