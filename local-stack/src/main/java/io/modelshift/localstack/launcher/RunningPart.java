package io.modelshift.localstack.launcher;

import java.nio.file.Path;

/** A started part: its process and where its output goes. */
public record RunningPart(PartSpec spec, Process process, Path log) {

    public String name() {
        return spec.name();
    }

    public String baseUrl() {
        return spec.baseUrl();
    }

    public int port() {
        return spec.port();
    }

    public long pid() {
        return process.pid();
    }
}
