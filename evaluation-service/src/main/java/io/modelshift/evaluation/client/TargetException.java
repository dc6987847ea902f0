package io.modelshift.evaluation.client;

/** A target that did not answer usefully; {@code retryable} for unreachable, timed out, 429 and 5xx. */
public class TargetException extends Exception {

    private final boolean retryable;
    private final int attempts;

    public TargetException(String message, boolean retryable, int attempts) {
        super(message, null, false, false);
        this.retryable = retryable;
        this.attempts = attempts;
    }

    public boolean retryable() {
        return retryable;
    }

    public int attempts() {
        return attempts;
    }
}
