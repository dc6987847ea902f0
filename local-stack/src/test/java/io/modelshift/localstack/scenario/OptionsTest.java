package io.modelshift.localstack.scenario;

import io.modelshift.localstack.datasets.DatasetDownload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void defaultsQuickModeAndExplicitSizes() {
        Options d = Options.parse(new String[0], Map.of("MODELSHIFT_DATASETS", "/data"));
        assertEquals("good", d.scenario());
        assertEquals(Path.of("/data"), d.datasets());
        assertEquals(60, d.sampleSizes().get("gsm8k"));
        assertEquals(Duration.ofSeconds(20), d.stepDuration());
        assertTrue(d.runDir().toString().contains("/runs/"), d.runDir().toString());

        Options q = Options.parse(new String[]{"--quick", "--scenario", "bad-canary", "--humaneval", "0",
                "--datasets", "/x"}, Map.of());
        assertTrue(q.badCanary());
        assertEquals(12, q.sampleSizes().get("mmlu"));
        assertEquals(0, q.sampleSizes().get("humaneval"));
        assertEquals(Duration.ofSeconds(8), q.stepDuration());
        assertEquals(Path.of("/x"), q.datasets());
        assertTrue(q.runDir().getFileName().toString().endsWith("-bad-canary"));
    }

    @Test
    void badOptionsAreClearErrors() {
        assertEquals("--scenario must be good or bad-canary, got 'worse'", assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--scenario", "worse"}, Map.of())).getMessage());
        assertEquals("--clients must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--clients", "0"}, Map.of())).getMessage());
        assertEquals("--stable-url and --canary-url go together", assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--stable-url", "http://a"}, Map.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--stable-url",
                "http://a", "--canary-url", "http://b", "--scenario", "bad-canary"}, Map.of())).getMessage()
                .contains("cannot be combined"));
        assertEquals("unknown option '--fast'", assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--fast"}, Map.of())).getMessage());
    }

    @Test
    void datasetsMustBeThereUnlessEveryBenchmarkIsSkipped(@TempDir Path dir) throws Exception {
        Map<String, Integer> all = Map.of("gsm8k", 5, "mmlu", 5, "humaneval", 0, "jmmlu", 0);
        // no folder and no reachable source: the download fails and the error says how to give the files instead
        DatasetDownload offline = new DatasetDownload(Map.of(), dir.resolve("cache"), System.out);
        String none = assertThrows(IllegalArgumentException.class, () -> DatasetFolder.resolve(null, all, offline))
                .getMessage();
        assertTrue(none.contains("--datasets DIR (or set MODELSHIFT_DATASETS)") && none.contains("no public source"),
                none);
        String missing = assertThrows(IllegalArgumentException.class, () -> DatasetFolder.resolve(dir, all, offline))
                .getMessage();
        assertTrue(missing.contains("gsm8k (" + dir.resolve("gsm8k/test.jsonl")) && missing.contains("mmlu ("),
                missing);
        Files.createDirectories(dir.resolve("gsm8k"));
        Files.writeString(dir.resolve("gsm8k/test.jsonl"), "{}\n");
        Files.createDirectories(dir.resolve("mmlu/test"));
        Files.writeString(dir.resolve("mmlu/test/x_test.csv"), "q,a,b,c,d,A\n");
        assertEquals(dir.toAbsolutePath(), DatasetFolder.resolve(dir, all, offline));
        assertNull(DatasetFolder.resolve(null, Map.of("gsm8k", 0), offline));
    }
}
