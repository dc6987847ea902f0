package io.modelshift.evaluation.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs untrusted Python (HumanEval completions) inside bubblewrap: every namespace unshared (so no network at all,
 * not even loopback to the host), an unprivileged uid with no capabilities, the whole file system read-only except a
 * fresh scratch folder, rlimits on CPU, address space, processes and file size applied by {@code prlimit} before
 * Python starts, and a wall-clock kill from here. When bwrap or Python is missing or bwrap cannot create namespaces,
 * {@link #available()} is false and {@link #run} refuses: model code is never run unsandboxed.
 */
public final class PythonSandbox {

    private static final int OUTPUT_LIMIT = 2000;

    private final Path bwrap;
    private final Path python;
    private final Path workRoot;
    private final SandboxLimits limits;
    private final String unavailableReason;
    /** Programs run at once: each is a process tree, more than the cores only queues in the kernel. */
    private final java.util.concurrent.Semaphore slots =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public PythonSandbox(Path bwrap, Path python, Path workRoot, SandboxLimits limits) {
        this.bwrap = bwrap;
        this.python = python;
        this.workRoot = workRoot;
        this.limits = limits;
        this.unavailableReason = probe();
    }

    public boolean available() {
        return unavailableReason == null;
    }

    /** Why the sandbox cannot be used, or null when it can. */
    public String unavailableReason() {
        return unavailableReason;
    }

    public SandboxLimits limits() {
        return limits;
    }

    public Execution run(String program) {
        if (!available()) {
            throw new SandboxUnavailableException(unavailableReason);
        }
        slots.acquireUninterruptibly();
        try {
            return execute(program, limits);
        } finally {
            slots.release();
        }
    }

    private Execution execute(String program, SandboxLimits limits) {
        Path job = null;
        long start = System.nanoTime();
        try {
            Files.createDirectories(workRoot);
            job = Files.createTempDirectory(workRoot, "job-");
            Path scratch = Files.createDirectory(job.resolve("scratch"));
            // the sandbox user is nobody: let it write its scratch folder, and only that
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(scratch.resolve("program.py"), program, StandardCharsets.UTF_8);
            Path output = job.resolve("output.txt");
            Process process = new ProcessBuilder(command(scratch, limits))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(limits.wallTime().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // bwrap runs with --die-with-parent and a pid namespace: killing it takes every descendant along
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String text = head(output);
            if (!finished) {
                return new Execution(Execution.Outcome.TIMED_OUT, -1, text, millis);
            }
            int exit = process.exitValue();
            return new Execution(exit == 0 ? Execution.Outcome.PASSED : Execution.Outcome.FAILED, exit, text, millis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a sandbox job under " + workRoot, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Execution(Execution.Outcome.FAILED, -1, "interrupted", (System.nanoTime() - start) / 1_000_000);
        } finally {
            delete(job);
        }
    }

    List<String> command(Path scratch, SandboxLimits limits) {
        List<String> cmd = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
                "--die-with-parent", "--new-session", "--clearenv",
                "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/sandbox",
                "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "OMP_NUM_THREADS", "1",
                "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                "--proc", "/proc", "--dev", "/dev"));
        if (!python.startsWith("/usr")) {
            cmd.addAll(List.of("--ro-bind", python.getParent().toString(), python.getParent().toString()));
        }
        cmd.addAll(List.of("--bind", scratch.toString(), "/sandbox",
                "--remount-ro", "/", "--chdir", "/sandbox",
                "/usr/bin/prlimit",
                "--as=" + limits.memoryBytes(), "--cpu=" + limits.cpuSeconds(),
                "--nproc=" + limits.maxProcesses(), "--fsize=" + limits.maxFileBytes(), "--nofile=64", "--core=0",
                "--", python.toString(), "-I", "-B", "program.py"));
        return cmd;
    }

    private String probe() {
        if (!Files.isExecutable(bwrap)) {
            return "HumanEval needs a sandbox and none is available: bubblewrap (" + bwrap + ") is not installed "
                    + "(Debian: apt-get install -y bubblewrap). Model-written code is never run unsandboxed.";
        }
        if (!Files.isExecutable(python)) {
            return "HumanEval needs Python 3 at " + python + " (modelshift.eval.sandbox.python); it is absent.";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
            return "HumanEval's sandbox needs /usr/bin/prlimit (Debian package util-linux) for its resource limits.";
        }
        Execution check = execute("print('sandbox-ok')\n", new SandboxLimits(java.time.Duration.ofSeconds(10), 5,
                limits.memoryBytes(), limits.maxProcesses(), limits.maxFileBytes()));
        if (!check.passed() || !check.output().contains("sandbox-ok")) {
            return "HumanEval needs a sandbox, but bubblewrap could not start one here (exit " + check.exitCode()
                    + "): " + check.output().strip() + ". Model-written code is never run unsandboxed.";
        }
        return null;
    }

    private static String head(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "";
        }
        byte[] bytes;
        try (var in = Files.newInputStream(output)) {
            bytes = in.readNBytes(OUTPUT_LIMIT);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless; the next job uses a new one
        }
    }
}
