package io.modelshift.evaluation.benchmarks;

/** A dataset file that is absent, unreadable or not in its standard format; the message says which and where. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
