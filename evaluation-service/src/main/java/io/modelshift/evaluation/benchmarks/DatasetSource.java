package io.modelshift.evaluation.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the benchmark files live: a local folder or an http(s) base URL, both in the standard layout
 * ({@code gsm8k/test.jsonl}, {@code mmlu/test/<subject>_test.csv}, ...). Files are read whole: the largest is 7 MB.
 */
public record DatasetSource(String root) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public DatasetSource {
        if (root == null || root.isBlank()) {
            throw new DatasetException("No datasets location configured: set modelshift.eval.datasets "
                    + "(env MODELSHIFT_DATASETS) to a folder or URL in the standard layout");
        }
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public boolean remote() {
        return root.startsWith("http://") || root.startsWith("https://");
    }

    public String describe(String relative) {
        return root + "/" + relative;
    }

    public boolean exists(String relative) {
        return remote() ? true : Files.isRegularFile(Path.of(root, relative));
    }

    public String read(String relative) {
        if (remote()) {
            URI uri = URI.create(describe(relative));
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200) {
                    throw new DatasetException("Dataset " + uri + " answered HTTP " + response.statusCode());
                }
                return response.body();
            } catch (IOException e) {
                throw new DatasetException("Cannot download dataset " + uri + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetException("Interrupted while downloading " + uri, e);
            }
        }
        try {
            return Files.readString(Path.of(root, relative), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DatasetException("Dataset file absent: " + describe(relative));
        } catch (IOException e) {
            throw new DatasetException("Cannot read dataset " + describe(relative) + ": " + e.getMessage(), e);
        }
    }

    /** File names (without {@code suffix}) in a local folder, sorted; empty for a remote root (callers fall back). */
    public Optional<List<String>> list(String folder, String suffix) {
        if (remote()) {
            return Optional.empty();
        }
        Path dir = Path.of(root, folder);
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("Dataset folder absent: " + describe(folder));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return Optional.of(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList());
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + describe(folder) + ": " + e.getMessage(), e);
        }
    }
}
