package io.modelshift.localstack.datasets;

/** A benchmark's files could not be fetched; the message says what failed and what to do instead. */
public final class DatasetDownloadException extends RuntimeException {

    public DatasetDownloadException(String message) {
        super(message);
    }

    public DatasetDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
