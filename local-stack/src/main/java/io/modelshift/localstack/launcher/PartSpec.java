package io.modelshift.localstack.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One part of the stack to start as its own OS process.
 *
 * @param name         short, file-name safe: the log is {@code <run>/logs/<name>.log}
 * @param command      the full command line (java and its arguments)
 * @param env          extra environment variables
 * @param port         the HTTP port the part will listen on
 * @param healthPath   answered with 200 once the part is ready, e.g. {@code /health} or {@code /q/health/ready}
 * @param startTimeout how long readiness may take before the run fails
 */
public record PartSpec(String name, List<String> command, Map<String, String> env, int port, String healthPath,
                       Duration startTimeout) {

    public PartSpec {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("part name must be lower-case letters, digits and '-': " + name);
        }
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
