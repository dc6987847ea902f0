package io.modelshift.helm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A modelshift Quarkus service started from its packaged fast-jar (module/target/quarkus-app/quarkus-run.jar) on a
 * free port, so tests can read what it really exports. Closing it stops the process.
 * <p>
 * The modules are looked up beside this one, or under {@code -Dmodelshift.services.root=<checkout>} (to check
 * against another worktree's build by hand).
 */
final class RunningService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Process process;
    private final int port;
    private final Path log;

    private RunningService(String module, Process process, int port, Path log) {
        this.module = module;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Path root() {
        String root = System.getProperty("modelshift.services.root", "");
        return root.isBlank() ? ChartUnderTest.MODULE.getParent() : Path.of(root);
    }

    /** The packaged runner of the module, if it has been built in this checkout. */
    static Optional<Path> runnerOf(String module) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** Starts the module with these system properties and waits until /q/health/live answers. */
    static RunningService start(String module, Map<String, String> properties) throws Exception {
        Path jar = runnerOf(module).orElseThrow(() -> new IllegalStateException(module + " is not packaged"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // lean on threads and memory: the build machines are shared
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-Dquarkus.vertx.event-loops-pool-size=2",
                "-Dquarkus.thread-pool.max-threads=8", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Files.createTempFile("modelshift-" + module + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RunningService service = new RunningService(module, process, port, log);
        service.awaitLive(Duration.ofSeconds(60));
        return service;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitLive(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/live")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException(module + " not live within " + timeout + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
