package io.modelshift.api.rollout;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build step run right after the CRD generator (see this module's pom): puts the generated CRD's printer columns
 * in the order the {@link AdditionalPrinterColumn} annotations are declared on {@link ModelRollout}. The fabric8
 * generator sorts them by JSON path, and kubectl shows them in list order, so without this {@code kubectl get mro}
 * would start with AGE and CANARY. The rewrite is textual and only moves whole column entries, so the rest of the file
 * stays byte for byte what the generator wrote (the Helm chart's copy is compared with it).
 */
public final class PrinterColumnOrder {

    private static final Pattern BLOCK = Pattern.compile("^(\\s*)(- )?additionalPrinterColumns:\\s*$");
    private static final Pattern JSON_PATH = Pattern.compile("jsonPath:\\s*\"?([^\"]*)\"?\\s*$");

    private PrinterColumnOrder() {
    }

    /** @param args the CRD files to rewrite in place */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: PrinterColumnOrder <crd.yml>...");
        }
        for (String arg : args) {
            Path file = Path.of(arg);
            String before = Files.readString(file, StandardCharsets.UTF_8);
            String after = reorder(before, declared());
            if (!after.equals(before)) {
                Files.writeString(file, after, StandardCharsets.UTF_8);
            }
        }
    }

    /** The printer columns' JSON paths in the order they are declared on {@link ModelRollout}. */
    public static List<String> declared() {
        return Arrays.stream(ModelRollout.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::jsonPath).toList();
    }

    /**
     * Reorders every {@code additionalPrinterColumns} list of a CRD's YAML text by {@code order} (JSON paths);
     * columns not in it keep their relative order after the others.
     */
    public static String reorder(String yaml, List<String> order) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = BLOCK.matcher(lines.get(i));
            if (!m.matches() || i + 1 >= lines.size()) {
                continue;
            }
            String item = lines.get(i + 1).substring(0, lines.get(i + 1).indexOf('-') + 2);
            if (!item.isBlank() && !item.trim().equals("-")) {
                continue; // not a block list under the key
            }
            String itemIndent = item.substring(0, item.length() - 2);
            List<List<String>> columns = new ArrayList<>();
            int end = i + 1;
            while (end < lines.size()) {
                String line = lines.get(end);
                if (line.startsWith(itemIndent + "- ")) {
                    columns.add(new ArrayList<>(List.of(line)));
                } else if (line.startsWith(itemIndent + "  ") && !columns.isEmpty()) {
                    columns.getLast().add(line);
                } else {
                    break;
                }
                end++;
            }
            List<List<String>> sorted = new ArrayList<>(columns);
            sorted.sort(Comparator.comparingInt(c -> rank(order, jsonPath(c))));
            List<String> out = new ArrayList<>();
            sorted.forEach(out::addAll);
            for (int k = 0; k < out.size(); k++) {
                lines.set(i + 1 + k, out.get(k));
            }
            i = end - 1;
        }
        return String.join("\n", lines);
    }

    private static String jsonPath(List<String> column) {
        for (String line : column) {
            Matcher m = JSON_PATH.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    private static int rank(List<String> order, String jsonPath) {
        int i = order.indexOf(jsonPath);
        return i < 0 ? order.size() : i;
    }
}
