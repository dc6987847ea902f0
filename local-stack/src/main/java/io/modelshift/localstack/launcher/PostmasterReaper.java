package io.modelshift.localstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * pg_ctl starts the postmaster as a daemon, outside the PostgreSQL part's process tree; if that part was killed
 * before it could stop PostgreSQL, this finds the postmaster through {@code postmaster.pid} and stops it.
 */
public record PostmasterReaper(Path dataDir) implements Runnable {

    @Override
    public void run() {
        Optional<ProcessHandle> postmaster = postmaster();
        postmaster.ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    public boolean postmasterAlive() {
        return postmaster().isPresent();
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
