package io.modelshift.gateway.files;

import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;

/**
 * Polls a configuration file and hands its path to a loader when it changed (time or size). Polling rather than a
 * WatchService because Kubernetes updates mounted ConfigMaps and Secrets by swapping a symlink, which watch services
 * miss. A loader that throws keeps the previous state: a bad edit never takes the gateway down.
 */
public final class WatchedFile {

    private static final Logger LOG = Logger.getLogger(WatchedFile.class);

    /** Loads the file; throws when it is invalid. */
    public interface Loader {
        void load(Path file) throws Exception;
    }

    private final Path file;
    private final Loader loader;
    private FileTime lastModified;
    private long lastSize = -1;
    private long timerId = -1;

    public WatchedFile(Path file, Loader loader) {
        this.file = Objects.requireNonNull(file);
        this.loader = loader;
    }

    /** Loads now; fails when the first load fails, so a broken file stops startup with a clear error. */
    public void loadNow() {
        try {
            remember();
            loader.load(file);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks for changes every {@code interval} on a worker thread (file reads never block an event loop). */
    public void watch(Vertx vertx, Duration interval) {
        timerId = vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(() -> {
            reloadIfChanged();
            return null;
        }, false));
    }

    public void stop(Vertx vertx) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Reloads when the file changed; returns whether it reloaded successfully. */
    public synchronized boolean reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(lastModified) && size == lastSize) {
                return false;
            }
            lastModified = modified;
            lastSize = size;
            loader.load(file);
            return true;
        } catch (Exception e) {
            LOG.errorf("keeping the previous state: cannot reload %s: %s", file, e.getMessage());
            return false;
        }
    }

    private void remember() throws IOException {
        lastModified = Files.getLastModifiedTime(file);
        lastSize = Files.size(file);
    }
}
