package io.modelshift.evaluation.sandbox;

/**
 * What happened to one sandboxed program.
 *
 * @param outcome  passed (exit 0), failed (non-zero exit, e.g. an assertion, MemoryError, a denied write) or timed out
 * @param exitCode the exit code, or -1 when killed
 * @param output   the start of its stderr and stdout, for diagnosis
 * @param millis   wall time
 */
public record Execution(Outcome outcome, int exitCode, String output, long millis) {

    public enum Outcome {
        PASSED, FAILED, TIMED_OUT
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
