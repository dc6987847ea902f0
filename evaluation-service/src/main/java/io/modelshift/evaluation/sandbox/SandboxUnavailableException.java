package io.modelshift.evaluation.sandbox;

/** Raised instead of ever running model-written code without isolation. */
public class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
