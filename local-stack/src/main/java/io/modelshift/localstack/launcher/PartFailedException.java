package io.modelshift.localstack.launcher;

/** A part did not start or became unready; the message names it, says why and quotes the end of its log. */
public class PartFailedException extends RuntimeException {

    public PartFailedException(String message) {
        super(message);
    }
}
