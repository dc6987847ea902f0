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
            String message = e instanceof KubernetesClientException k ? kubernetes(k)
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            cl.getErr().println(Palette.detect().bad("error: ") + message);
            cl.getErr().flush();
            return FAILURE;
        });
    }

    /** fabric8's message names the operation; the cause (unknown host, refused, 403) is what the user can act on. */
    static String kubernetes(KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return "the Kubernetes API refused or could not be reached: " + e.getMessage().strip() + why
                + (root instanceof java.io.IOException ? "; check your kubeconfig context (--context), or use the local stack with"
                + " --gateway-url" : "");
    }
}
