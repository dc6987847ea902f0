package io.modelshift.gateway.rollout;

/** The gate's source could not be asked (down, timeout, bad query, unreadable answer): an Error, never a Fail. */
public class MeasurementException extends Exception {

    public MeasurementException(String message) {
        super(message);
    }

    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}
