package io.modelshift.cli;

/** Something the user must fix or know (a service down, an unknown route); printed as one line, exit code 3. */
public class CliFailure extends RuntimeException {

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
