package io.modelshift.gateway.api;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.gateway.access.AccessControl;
import io.modelshift.gateway.access.ApiKey;
import io.modelshift.gateway.access.KeyLimits;
import io.modelshift.gateway.config.GatewayConfig;
import io.modelshift.gateway.telemetry.GatewayMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenAI-compatible front door, registered directly on the Vert.x router so that the request path never leaves
 * the event loop: authenticate, rate-limit, read the body within its limit, then hand over to an {@link Exchange}.
 */
@ApplicationScoped
public class OpenAiEndpoints {

    private static final Logger LOG = Logger.getLogger(OpenAiEndpoints.class);

    private final AccessControl access;
    private final GatewayMetrics metrics;
    private final Exchange.Services services;
    private final ModelList models;
    private final int maxBodyBytes;

    public OpenAiEndpoints(AccessControl access, GatewayMetrics metrics, Exchange.Services services,
                           ModelList models, GatewayConfig config) {
        this.access = access;
        this.metrics = metrics;
        this.services = services;
        this.models = models;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    void init(@Observes Router router) {
        router.post("/v1/chat/completions").handler(ctx -> accept(ctx, Endpoint.CHAT));
        router.post("/v1/completions").handler(ctx -> accept(ctx, Endpoint.COMPLETIONS));
        router.post("/v1/embeddings").handler(ctx -> accept(ctx, Endpoint.EMBEDDINGS));
        router.get("/v1/models").handler(this::listModels);
        router.route("/v1/*").handler(ctx -> Replies.error(ctx.response(), OpenAiError.notFound(
                "Unknown endpoint: " + ctx.request().method() + " " + ctx.request().path() + ".", null,
                "unknown_url"), requestId(ctx.request())));
    }

    private void listModels(RoutingContext ctx) {
        String id = requestId(ctx.request());
        AccessControl.Result auth = access.authenticate(ctx.request().getHeader("authorization"));
        if (auth.error() != null) {
            metrics.rejected(auth.error().status(), String.valueOf(auth.error().code()));
            Replies.error(ctx.response(), auth.error(), id);
            return;
        }
        ctx.response().putHeader("content-type", "application/json").putHeader("x-request-id", id)
                .end(models.json(auth.key()));
    }

    private void accept(RoutingContext ctx, Endpoint endpoint) {
        long receivedAt = System.nanoTime();
        HttpServerRequest req = ctx.request();
        String id = requestId(req);
        AccessControl.Result auth = access.authenticate(req.getHeader("authorization"));
        if (auth.error() != null) {
            refuse(ctx, auth.error(), id);
            return;
        }
        ApiKey key = auth.key();
        String length = req.getHeader("content-length");
        if (length != null && parseLength(length) > maxBodyBytes) {
            ctx.response().putHeader("connection", "close");
            refuse(ctx, OpenAiError.tooLarge(maxBodyBytes), id);
            return;
        }
        KeyLimits.Rejection limited = access.admit(key);
        if (limited != null) {
            ctx.response().putHeader("retry-after", Long.toString(limited.retryAfterSeconds()));
            refuse(ctx, limited.error(), id);
            return;
        }
        long declared = length == null ? 1024 : Math.max(0, parseLength(length));
        Buffer body = Buffer.buffer((int) Math.min(declared, maxBodyBytes));
        boolean[] tooLarge = {false};
        req.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                tooLarge[0] = true;
                ctx.response().putHeader("connection", "close");
                refuse(ctx, OpenAiError.tooLarge(maxBodyBytes), id);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!tooLarge[0]) {
                try {
                    new Exchange(services, ctx, endpoint, key, id, receivedAt, body.getBytes()).run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "request %s failed inside the gateway", id);
                    refuse(ctx, OpenAiError.serverError("The gateway failed to handle the request (" + id + ")."),
                            id);
                }
            }
        });
        req.exceptionHandler(e -> tooLarge[0] = true);
        req.resume();
    }

    private void refuse(RoutingContext ctx, OpenAiError error, String id) {
        metrics.rejected(error.status(), String.valueOf(error.code()));
        Replies.error(ctx.response(), error, id);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The client's {@code x-request-id} when it is sane, else a new random id. */
    static String requestId(HttpServerRequest req) {
        String given = req.getHeader("x-request-id");
        if (given != null && !given.isEmpty() && given.length() <= 128 && given.chars().allMatch(c -> c > 32 && c < 127)) {
            return given;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "req-" + hex.toHexDigits(r.nextLong()) + hex.toHexDigits(r.nextLong());
    }
}
