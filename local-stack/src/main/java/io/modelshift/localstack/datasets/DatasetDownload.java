package io.modelshift.localstack.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches benchmark files from their public sources into a cache folder on first use. Each benchmark is unpacked
 * into a temporary folder, checked (checksum where one is published), then moved into place whole, so an interrupted
 * download never leaves a half folder that looks complete; the next run finds the cached copy and downloads nothing.
 */
public final class DatasetDownload {

    /** Marks a benchmark folder as complete: written last, after every file is in place. */
    static final String COMPLETE = ".modelshift-complete";

    private final Map<String, DatasetSource> sources;
    private final Path cache;
    private final PrintStream console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public DatasetDownload(Map<String, DatasetSource> sources, Path cache, PrintStream console) {
        this.sources = sources;
        this.cache = cache;
        this.console = console;
    }

    /** {@code $MODELSHIFT_CACHE/datasets}, else {@code $XDG_CACHE_HOME/modelshift/datasets}, else ~/.cache/... */
    public static Path defaultCache(Map<String, String> env) {
        if (env.get("MODELSHIFT_CACHE") != null && !env.get("MODELSHIFT_CACHE").isBlank()) {
            return Path.of(env.get("MODELSHIFT_CACHE"), "datasets");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("modelshift").resolve("datasets");
    }

    public static boolean cached(Path cache, String benchmark) {
        return Files.isRegularFile(cache.resolve(benchmark).resolve(COMPLETE));
    }

    /** Makes sure each benchmark is in the cache; returns the cache folder (the datasets root). */
    public Path ensure(Collection<String> benchmarks) {
        for (String benchmark : benchmarks) {
            if (cached(cache, benchmark)) {
                continue;
            }
            DatasetSource source = sources.get(benchmark);
            if (source == null) {
                throw new DatasetDownloadException("no public source is known for benchmark '" + benchmark + "'");
            }
            download(source);
        }
        return cache;
    }

    private void download(DatasetSource source) {
        Path target = cache.resolve(source.benchmark());
        Path partial = cache.resolve("." + source.benchmark() + ".partial");
        try {
            Files.createDirectories(cache);
            deleteTree(partial);
            Files.createDirectories(partial);
            for (DatasetSource.Download d : source.files()) {
                console.println("  downloading " + source.benchmark() + ": " + d.uri());
                fetch(d, partial);
            }
            Files.writeString(partial.resolve(COMPLETE), "downloaded from their public sources\n");
            deleteTree(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DatasetDownloadException("cannot download " + source.benchmark() + " into " + cache + ": " + e
                    + ". Download the files by hand (see the README) and pass --datasets DIR.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetDownloadException("interrupted while downloading " + source.benchmark(), e);
        } finally {
            try {
                deleteTree(partial);
            } catch (IOException ignored) {
                // a leftover partial folder is cleaned by the next attempt
            }
        }
    }

    private void fetch(DatasetSource.Download d, Path into) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(d.uri()).timeout(Duration.ofMinutes(10))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException(d.uri() + " answered HTTP " + response.statusCode());
        }
        MessageDigest sha = sha256();
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(response.body()), sha)) {
            switch (d.unpack()) {
                case NONE -> write(raw, into.resolve(d.target()));
                case GUNZIP -> write(new GZIPInputStream(raw), into.resolve(d.target()));
                case TAR -> TarEntries.read(raw, (name, content) -> keep(d, name, content, into));
                case ZIP -> unzip(raw, d, into);
            }
            raw.transferTo(java.io.OutputStream.nullOutputStream()); // the checksum covers every byte, also those after the last entry
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (d.sha256() != null && !d.sha256().equalsIgnoreCase(actual)) {
            throw new IOException(d.uri() + ": sha256 " + actual + " differs from the expected " + d.sha256()
                    + " (changed upstream or corrupted in transit)");
        }
    }

    private static void unzip(InputStream raw, DatasetSource.Download d, Path into) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (!e.isDirectory()) {
                keep(d, e.getName(), zip, into);
            }
        }
    }

    /** Stores an archive entry when it is under the kept folders, refusing names that climb out of the folder. */
    private static void keep(DatasetSource.Download d, String name, InputStream content, Path into) throws IOException {
        if (!name.startsWith(d.strip())) {
            return;
        }
        String relative = name.substring(d.strip().length());
        if (relative.isEmpty() || !d.keeps(relative)) {
            return;
        }
        Path out = into.resolve(d.target()).resolve(relative).normalize();
        if (!out.startsWith(into)) {
            throw new IOException("archive entry '" + name + "' points outside the datasets folder");
        }
        write(content, out);
    }

    private static void write(InputStream in, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (var out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
