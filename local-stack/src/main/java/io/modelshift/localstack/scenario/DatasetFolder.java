package io.modelshift.localstack.scenario;

import io.modelshift.localstack.datasets.DatasetDownload;
import io.modelshift.localstack.datasets.DatasetDownloadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark files, in the standard layout the evaluation service and the simulator read: a given folder, or,
 * when none is given, the cached download from their public sources ({@link DatasetDownload}, first use only).
 */
public final class DatasetFolder {

    public static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu", "humaneval", "jmmlu");

    private DatasetFolder() {
    }

    /**
     * Checks that every benchmark with a non-zero sample size has its files; returns the folder (null: none needed).
     * Without a folder, the needed benchmarks are downloaded into the cache once and read from there.
     */
    public static Path resolve(Path folder, java.util.Map<String, Integer> sizes, DatasetDownload download) {
        if (sizes.values().stream().allMatch(n -> n == 0)) {
            return folder == null ? null : folder.toAbsolutePath();
        }
        if (folder == null) {
            try {
                folder = download.ensure(BENCHMARKS.stream().filter(b -> sizes.getOrDefault(b, 0) > 0).toList());
            } catch (DatasetDownloadException e) {
                throw new IllegalArgumentException("""
                        no benchmark datasets: %s
                          Or pass --datasets DIR (or set MODELSHIFT_DATASETS) with: gsm8k/test.jsonl
                          (openai/grade-school-math), mmlu/test/*_test.csv and mmlu/dev/*_dev.csv (hendrycks/test
                          data.tar), humaneval/HumanEval.jsonl (openai/human-eval), jmmlu/JMMLU/*.csv
                          (nlp-waseda/JMMLU); or skip a benchmark with --<name> 0.""".formatted(e.getMessage()), e);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String b : BENCHMARKS) {
            if (sizes.getOrDefault(b, 0) > 0 && !present(folder, b)) {
                missing.add(b + " (" + folder.resolve(expected(b)) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("benchmark files missing in " + folder + ": " + String.join(", ",
                    missing) + ". Point --datasets at a complete folder or skip a benchmark with --<name> 0.");
        }
        return folder.toAbsolutePath();
    }

    static String expected(String benchmark) {
        return switch (benchmark) {
            case "gsm8k" -> "gsm8k/test.jsonl";
            case "mmlu" -> "mmlu/test/*.csv";
            case "humaneval" -> "humaneval/HumanEval.jsonl";
            case "jmmlu" -> "jmmlu/JMMLU/*.csv";
            default -> throw new IllegalArgumentException("unknown benchmark " + benchmark);
        };
    }

    private static boolean present(Path folder, String benchmark) {
        return switch (benchmark) {
            case "gsm8k" -> Files.isRegularFile(folder.resolve("gsm8k/test.jsonl"));
            case "humaneval" -> Files.isRegularFile(folder.resolve("humaneval/HumanEval.jsonl"));
            case "mmlu" -> hasCsv(folder.resolve("mmlu/test"));
            case "jmmlu" -> hasCsv(folder.resolve("jmmlu/JMMLU"));
            default -> false;
        };
    }

    private static boolean hasCsv(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".csv"));
        } catch (IOException e) {
            return false;
        }
    }
}
