package io.modelshift.testkit;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real benchmark datasets for the tests that need them, through one setting: the system property
 * {@code modelshift.datasets} (Maven passes the {@code MODELSHIFT_DATASETS} environment variable) or that
 * variable itself. {@code .ci/run} points it at {@code ../shared/datasets}. Core tests use small fixtures instead.
 */
public final class Datasets {

    private Datasets() {
    }

    /** The datasets folder, or empty when the setting is absent or points nowhere. */
    public static Optional<Path> folder() {
        String value = System.getProperty("modelshift.datasets");
        if (value == null || value.isBlank() || value.startsWith("${")) {
            value = System.getenv("MODELSHIFT_DATASETS");
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * The file below the datasets folder; skips the calling test, saying why, when the datasets are absent.
     *
     * @param relative e.g. {@code gsm8k/test.jsonl}
     */
    public static Path require(String relative) {
        Path folder = folder().orElse(null);
        Assumptions.assumeTrue(folder != null,
                "Real datasets are absent: set MODELSHIFT_DATASETS to the datasets folder (CI uses ../shared/datasets)");
        Path file = folder.resolve(relative);
        Assumptions.assumeTrue(Files.exists(file), "Dataset file absent: " + file);
        return file;
    }
}
