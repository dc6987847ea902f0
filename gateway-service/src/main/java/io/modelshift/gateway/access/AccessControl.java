package io.modelshift.gateway.access;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.gateway.config.GatewayConfig;
import io.modelshift.gateway.files.WatchedFile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;

/** Who may call: checks bearer keys against the key ring, applies per-key limits, and guards admin endpoints. */
@Singleton // no client proxy: called on every request
public class AccessControl {

    private static final Logger LOG = Logger.getLogger(AccessControl.class);
    private static final ApiKey OPEN = new ApiKey("open-mode", new byte[32], "open-mode",
            EnumSet.allOf(Role.class), 0, 0, 0, Set.of());

    private final GatewayConfig config;
    private final KeyLimits limits = new KeyLimits();
    private volatile KeyRing ring = new KeyRing(java.util.List.of());
    private WatchedFile watch;

    public AccessControl(GatewayConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (config.access().openMode()) {
            String bar = "!".repeat(100);
            LOG.warn(bar);
            LOG.warn("OPEN MODE: modelshift.gateway.access.open-mode=true. EVERY REQUEST IS ACCEPTED WITHOUT A KEY,"
                    + " WITH ADMIN RIGHTS AND NO LIMITS. LOCAL DEVELOPMENT ONLY: NEVER RUN THIS IN PRODUCTION.");
            LOG.warn(bar);
        }
        config.access().keysFile().ifPresentOrElse(path -> {
            watch = new WatchedFile(path, file -> useRing(KeyRing.parse(Files.readString(file)), file.toString()));
            watch.loadNow();
            watch.watch(vertx, config.reloadInterval());
        }, () -> {
            if (!config.access().openMode()) {
                LOG.warn("no keys file (modelshift.gateway.access.keys-file) and open mode off: every request"
                        + " will be refused with 401");
            }
        });
    }

    /** Replaces the key ring (file reload, or a test). */
    public void useRing(KeyRing newRing, String source) {
        ring = newRing;
        LOG.infof("%d API keys loaded from %s", newRing.size(), source);
    }

    /** The caller's key, or an error: 401 without a valid key. */
    public Result authenticate(String authorization) {
        if (config.access().openMode()) {
            return new Result(OPEN, null);
        }
        if (authorization == null || authorization.isBlank()) {
            return new Result(null, OpenAiError.unauthorized("You didn't provide an API key. Send it as"
                    + " 'Authorization: Bearer <key>'."));
        }
        if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Result(null, OpenAiError.unauthorized("The Authorization header must be 'Bearer <key>'."));
        }
        ApiKey key = ring.find(authorization.substring(7).trim());
        if (key == null) {
            return new Result(null, OpenAiError.unauthorized("Incorrect API key provided."));
        }
        return new Result(key, null);
    }

    /** Null when the key is within its request and token rates, else the 429 to answer. */
    public KeyLimits.Rejection admit(ApiKey key) {
        return limits.admit(key, System.nanoTime());
    }

    public void chargeTokens(ApiKey key, long tokens) {
        limits.charge(key, tokens, System.nanoTime());
    }

    /** The result of {@link #authenticate}: exactly one of key and error is set. */
    public record Result(ApiKey key, OpenAiError error) {
    }

    /** The admin check the {@code /admin/...} endpoints share: 401 without a key, 403 without the admin role. */
    public Result requireRole(String authorization, Role role) {
        Result r = authenticate(authorization);
        if (r.error() != null) {
            return r;
        }
        if (!r.key().has(role)) {
            return new Result(null, OpenAiError.forbidden("This key lacks the '" + role.name().toLowerCase()
                    + "' role."));
        }
        return r;
    }
}
