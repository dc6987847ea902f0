package io.modelshift.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the packaged services are in a built checkout; a missing one is a clear error naming the build command. */
public record Artifacts(Path repo) {

    public Path simulatorJar() {
        Path target = repo.resolve("vllm-simulator/target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var jar = files.filter(p -> p.getFileName().toString().matches("vllm-simulator-.*-runner\\.jar"))
                        .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw missing("vllm-simulator", target.resolve("vllm-simulator-*-runner.jar"));
    }

    /** The fast-jar of a Quarkus module, e.g. {@code gateway-service}. */
    public Path quarkusApp(String module) {
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw missing(module, jar);
        }
        return jar;
    }

    public boolean has(String module) {
        return Files.isRegularFile(repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    private IllegalStateException missing(String module, Path expected) {
        boolean sources = Files.isDirectory(repo.resolve(module).resolve("src"));
        return new IllegalStateException(expected + " is missing: "
                + (sources ? "build it first with ./mvnw -B -q -pl " + module + " -am package -DskipTests"
                : "the module '" + module + "' is not in this checkout (" + repo.toAbsolutePath() + ")"));
    }
}
