package io.modelshift.localstack.datasets;

import com.sun.net.httpserver.HttpServer;
import io.modelshift.localstack.scenario.DatasetFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first-use download against a local HTTP server that serves small archives in the public sources' formats
 * (plain JSON Lines, a gzip, a tar, a GitHub zip): the standard layout comes out, checksums are enforced, a failed
 * download leaves nothing that looks complete, and a cached benchmark is never fetched again.
 */
class DatasetDownloadTest {

    private static final String GSM8K = "{\"question\":\"1+1?\",\"answer\":\"2\\n#### 2\"}\n";
    private static final String HUMAN_EVAL = "{\"task_id\":\"HumanEval/0\",\"prompt\":\"def f():\\n\"}\n";

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private HttpServer server;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private Map<String, DatasetSource> sources() throws IOException {
        byte[] gsm8k = GSM8K.getBytes(StandardCharsets.UTF_8);
        files.put("/gsm8k/test.jsonl", gsm8k);
        files.put("/he/HumanEval.jsonl.gz", gzip(HUMAN_EVAL.getBytes(StandardCharsets.UTF_8)));
        files.put("/mmlu/data.tar", tar(Map.of(
                "data/test/anatomy_test.csv", "What is a bone?,a,b,c,d,A\n",
                "data/dev/anatomy_dev.csv", "Example?,a,b,c,d,B\n",
                "data/auxiliary_train/huge.csv", "not wanted\n")));
        files.put("/jmmlu/main.zip", zip(Map.of(
                "JMMLU-abc/JMMLU/anatomy.csv", "\uFEFF骨とは？,a,b,c,d,C\n",
                "JMMLU-abc/LICENSE", "CC BY-SA 4.0\n",
                "JMMLU-abc/README.md", "not wanted\n")));
        return Map.of(
                "gsm8k", new DatasetSource("gsm8k", List.of(new DatasetSource.Download(url("/gsm8k/test.jsonl"),
                        DatasetSource.Unpack.NONE, "", List.of(), "test.jsonl", sha256(gsm8k)))),
                "humaneval", new DatasetSource("humaneval", List.of(new DatasetSource.Download(
                        url("/he/HumanEval.jsonl.gz"), DatasetSource.Unpack.GUNZIP, "", List.of(), "HumanEval.jsonl",
                        null))),
                "mmlu", new DatasetSource("mmlu", List.of(new DatasetSource.Download(url("/mmlu/data.tar"),
                        DatasetSource.Unpack.TAR, "data/", List.of("test/", "dev/"), "", null))),
                "jmmlu", new DatasetSource("jmmlu", List.of(new DatasetSource.Download(url("/jmmlu/main.zip"),
                        DatasetSource.Unpack.ZIP, "JMMLU-abc/", List.of("JMMLU/", "LICENSE"), "", null))));
    }

    private DatasetDownload download(Map<String, DatasetSource> sources, Path cache) {
        return new DatasetDownload(sources, cache, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void downloadsIntoTheStandardLayoutOnceAndReadsTheCacheAfterwards(@TempDir Path cache) throws Exception {
        Map<String, Integer> sizes = Map.of("gsm8k", 5, "mmlu", 5, "humaneval", 5, "jmmlu", 5);
        Path root = DatasetFolder.resolve(null, sizes, download(sources(), cache));

        assertEquals(cache.toAbsolutePath(), root);
        assertEquals(GSM8K, Files.readString(root.resolve("gsm8k/test.jsonl")));
        assertEquals(HUMAN_EVAL, Files.readString(root.resolve("humaneval/HumanEval.jsonl")));
        assertEquals("What is a bone?,a,b,c,d,A\n", Files.readString(root.resolve("mmlu/test/anatomy_test.csv")));
        assertTrue(Files.isRegularFile(root.resolve("mmlu/dev/anatomy_dev.csv")));
        assertFalse(Files.exists(root.resolve("mmlu/auxiliary_train")), "only the test and dev splits are kept");
        assertTrue(Files.readString(root.resolve("jmmlu/JMMLU/anatomy.csv")).contains("骨とは"));
        assertTrue(Files.isRegularFile(root.resolve("jmmlu/LICENSE")));
        assertFalse(Files.exists(root.resolve("jmmlu/README.md")));
        assertEquals(4, requests.get());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("downloading mmlu: " + url("/mmlu/data.tar")));

        // the second run finds everything cached and asks nothing of the network
        DatasetFolder.resolve(null, sizes, download(sources(), cache));
        assertEquals(4, requests.get());
    }

    @Test
    void aChecksumMismatchFailsAndLeavesNothingThatLooksComplete(@TempDir Path cache) throws Exception {
        Map<String, DatasetSource> sources = sources();
        files.put("/gsm8k/test.jsonl", "tampered\n".getBytes(StandardCharsets.UTF_8));
        DatasetDownloadException e = assertThrows(DatasetDownloadException.class,
                () -> download(sources, cache).ensure(List.of("gsm8k")));
        assertTrue(e.getMessage().contains("differs from the expected " + sha256(GSM8K.getBytes(StandardCharsets.UTF_8))),
                e.getMessage());
        assertFalse(Files.exists(cache.resolve("gsm8k")), "no gsm8k folder after a failed download");
        assertFalse(Files.exists(cache.resolve(".gsm8k.partial")), "the partial download is cleaned up");
        assertFalse(DatasetDownload.cached(cache, "gsm8k"));
    }

    @Test
    void anUnreachableSourceIsAClearErrorNamingTheWayOut(@TempDir Path cache) throws Exception {
        Map<String, DatasetSource> sources = sources();
        files.remove("/mmlu/data.tar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFolder.resolve(null,
                Map.of("mmlu", 5, "gsm8k", 0, "humaneval", 0, "jmmlu", 0), download(sources, cache)));
        assertTrue(e.getMessage().contains("answered HTTP 404") && e.getMessage().contains("--datasets DIR"),
                e.getMessage());
    }

    @Test
    void archiveEntriesCannotEscapeTheCache(@TempDir Path cache) throws Exception {
        files.put("/evil.zip", zip(Map.of("JMMLU-abc/JMMLU/../../../escaped.csv", "x\n")));
        Map<String, DatasetSource> sources = Map.of("jmmlu", new DatasetSource("jmmlu", List.of(
                new DatasetSource.Download(url("/evil.zip"), DatasetSource.Unpack.ZIP, "JMMLU-abc/", List.of("JMMLU/"),
                        "", null))));
        DatasetDownloadException e = assertThrows(DatasetDownloadException.class,
                () -> download(sources, cache).ensure(List.of("jmmlu")));
        assertTrue(e.getMessage().contains("points outside the datasets folder"), e.getMessage());
        assertFalse(Files.exists(cache.getParent().resolve("escaped.csv")));
    }

    @Test
    void thePublicSourcesArePinnedAndCoverEveryBenchmark() {
        Map<String, DatasetSource> sources = DatasetSource.publicSources();
        assertEquals(java.util.Set.copyOf(DatasetFolder.BENCHMARKS), sources.keySet());
        for (DatasetSource s : sources.values()) {
            for (DatasetSource.Download d : s.files()) {
                assertEquals("https", d.uri().getScheme(), d.uri().toString());
            }
        }
        // the reference copies' checksums (shared/datasets READMEs) guard the two files that have one
        assertEquals(2, sources.values().stream().flatMap(s -> s.files().stream()).filter(d -> d.sha256() != null)
                .count());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A POSIX ustar archive, as tar(1) writes one: a header block per file, content padded to 512, two zero blocks. */
    private static byte[] tar(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
            byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] h = new byte[512];
            put(h, 0, e.getKey());
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", content.length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            java.util.Arrays.fill(h, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            out.writeBytes(h);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
