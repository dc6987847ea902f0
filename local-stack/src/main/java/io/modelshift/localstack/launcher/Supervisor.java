package io.modelshift.localstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the parts of the stack as separate OS processes, waits until each answers its health check, and stops them
 * all (process trees included) on {@link #close()}, on Ctrl-C or JVM exit (a shutdown hook), and when a part fails.
 * Every part's stdout and stderr go to {@code <run>/logs/<part>.log}.
 */
public final class Supervisor implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final Path logs;
    private final PrintStream console;
    private final List<RunningPart> parts = new ArrayList<>();
    private final List<Runnable> afterStop = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread hook = new Thread(this::stopAll, "local-stack-shutdown");
    private boolean closed;

    public Supervisor(Path runDir, PrintStream console) {
        this.logs = runDir.resolve("logs");
        this.console = console;
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logs, e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts the parts together (JVM start-up overlaps) and returns once every one is ready, or fails. */
    public synchronized List<RunningPart> startAll(List<PartSpec> specs) {
        List<RunningPart> started = new ArrayList<>();
        for (PartSpec spec : specs) {
            started.add(start(spec));
        }
        for (RunningPart part : started) {
            awaitReady(part);
        }
        return started;
    }

    public synchronized RunningPart start(PartSpec spec) {
        if (closed) {
            throw new IllegalStateException("the supervisor is stopped");
        }
        Path log = logs.resolve(spec.name() + ".log");
        ProcessBuilder pb = new ProcessBuilder(spec.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(spec.env());
        try {
            RunningPart part = new RunningPart(spec, pb.start(), log);
            parts.add(part);
            return part;
        } catch (IOException e) {
            throw new PartFailedException("cannot start " + spec.name() + " (" + spec.command().getFirst() + "): "
                    + e.getMessage());
        }
    }

    /** Polls the part's health URL until it answers 200; fails early when the process exits. */
    public void awaitReady(RunningPart part) {
        URI health = URI.create(part.baseUrl() + part.spec().healthPath());
        long deadline = System.nanoTime() + part.spec().startTimeout().toNanos();
        long started = System.nanoTime();
        while (true) {
            if (!part.process().isAlive()) {
                throw new PartFailedException(part.name() + " exited with code " + part.process().exitValue()
                        + " before it was ready. End of " + part.log() + ":\n" + tail(part.log(), 20));
            }
            if (answers200(health)) {
                console.printf("  %-16s ready on %s (%.1f s)%n", part.name(), part.baseUrl(),
                        (System.nanoTime() - started) / 1e9);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PartFailedException(part.name() + " was not ready at " + health + " after "
                        + part.spec().startTimeout().toSeconds() + " s. End of " + part.log() + ":\n"
                        + tail(part.log(), 20));
            }
            sleep(POLL);
        }
    }

    /** Throws when a part has exited while the run still needs it. */
    public synchronized void checkAlive() {
        for (RunningPart part : parts) {
            if (!part.process().isAlive()) {
                throw new PartFailedException(part.name() + " exited unexpectedly with code "
                        + part.process().exitValue() + ". End of " + part.log() + ":\n" + tail(part.log(), 20));
            }
        }
    }

    /** A clean-up step run after every process is stopped (e.g. a daemon a part left behind). */
    public synchronized void afterStop(Runnable step) {
        afterStop.add(step);
    }

    public synchronized List<RunningPart> parts() {
        return List.copyOf(parts);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself or during JVM exit: nothing to remove
        }
    }

    /**
     * Stops the parts in reverse start order: SIGTERM to the process and its descendants, a grace period for a clean
     * shutdown, then SIGKILL to whatever is left of the tree.
     */
    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<RunningPart> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        // the trees are taken before anything dies: an orphaned grandchild is no longer a descendant afterwards
        java.util.Map<RunningPart, List<ProcessHandle>> trees = new java.util.LinkedHashMap<>();
        for (RunningPart part : reversed) {
            List<ProcessHandle> tree = new ArrayList<>(part.process().descendants().toList());
            tree.add(part.process().toHandle());
            trees.put(part, tree);
            tree.forEach(ProcessHandle::destroy);
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (var entry : trees.entrySet()) {
            RunningPart part = entry.getKey();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!part.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    console.println("  " + part.name() + " did not stop within " + GRACE.toSeconds()
                            + " s; killing it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle p : entry.getValue()) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
        for (List<ProcessHandle> tree : trees.values()) {
            for (ProcessHandle p : tree) {
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    console.println("  process " + p.pid() + " of " + "a part did not exit: " + e);
                }
            }
        }
        for (Runnable step : afterStop) {
            try {
                step.run();
            } catch (RuntimeException e) {
                console.println("  clean-up step failed: " + e.getMessage());
            }
        }
    }

    private boolean answers200(URI uri) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartFailedException("interrupted while waiting for " + uri);
        }
    }

    /** The last lines of a log, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartFailedException("interrupted");
        }
    }
}
