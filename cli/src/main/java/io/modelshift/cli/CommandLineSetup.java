package io.modelshift.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelshift.cli.output.Palette;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Errors become one readable line instead of a stack trace. */
@ApplicationScoped
public class CommandLineSetup {

    public static final int FAILURE = 3;

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    public static CommandLine configure(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            String message = e instanceof KubernetesClientException k
                    ? "the Kubernetes API refused or could not be reached: " + k.getMessage()
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            cl.getErr().println(Palette.detect().bad("error: ") + message);
            cl.getErr().flush();
            return FAILURE;
        });
    }
}
