package io.modelshift.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A modelshift Quarkus service started from its packaged fast-jar (module/target/quarkus-app/quarkus-run.jar) on a
 * free port, so tests can read what it really exports. Closing it stops the process.
 * <p>
 * The modules are looked up beside this one, or under {@code -Dmodelshift.services.root=<checkout>} (to check
 * against another worktree's build by hand).
 */
final class RunningService implements AutoCloseable {

    private final ChildProcess process;
    private final int port;
    private final Path log;

    private RunningService(ChildProcess process, int port, Path log) {
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
        int port = ChildProcess.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // lean on threads and memory: the build machines are shared
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-Dquarkus.vertx.event-loops-pool-size=2",
                "-Dquarkus.thread-pool.max-threads=8", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Files.createTempFile("modelshift-" + module + "-", ".log");
        RunningService service = new RunningService(ChildProcess.start(module, command, log), port, log);
        service.process.awaitOk(service.url("/q/health/live"), Duration.ofSeconds(60));
        return service;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String tail() {
        return process.tail();
    }

    @Override
    public void close() throws Exception {
        process.close();
        Files.deleteIfExists(log);
    }
}
