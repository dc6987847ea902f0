package io.modelshift.gateway.routing;

import io.modelshift.gateway.config.GatewayConfig;
import io.modelshift.gateway.files.WatchedFile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads the local routes file into the {@link RouteTable} at startup (a broken file stops startup) and reloads it
 * when it changes (a broken edit keeps the previous table). Requests in flight keep the snapshot they started with,
 * so a reload drops none.
 */
@ApplicationScoped
public class RouteFileLoader {

    private static final Logger LOG = Logger.getLogger(RouteFileLoader.class);

    private final GatewayConfig config;
    private final RouteTable table;
    private WatchedFile watch;
    private Vertx vertx;

    public RouteFileLoader(GatewayConfig config, RouteTable table) {
        this.config = config;
        this.table = table;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        config.routesFile().ifPresentOrElse(path -> {
            watch = new WatchedFile(path, file -> table.replaceAll(RouteFile.read(file), file.toString()));
            watch.loadNow();
            watch.watch(vertx, config.reloadInterval());
        }, () -> LOG.warn("no routes file (modelshift.gateway.routes-file): no routes are served"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (watch != null) {
            watch.stop(vertx);
        }
    }

    /** Checks the file now (tests, admin); returns whether it reloaded. */
    public boolean reloadIfChanged() {
        return watch != null && watch.reloadIfChanged();
    }
}
