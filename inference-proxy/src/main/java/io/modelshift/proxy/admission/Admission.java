package io.modelshift.proxy.admission;

import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.openai.RequestPeek;
import io.modelshift.api.relay.UsageRequest;
import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.forwarding.Forwarder;
import io.modelshift.proxy.telemetry.ProxyMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gate in front of the pool: reads the body under a size limit (413), peeks at the few routing fields (400 on
 * malformed JSON), refuses prompts that cannot fit the model's context (400), and asks vLLM for usage on streams
 * whose client did not, before handing the request to the {@link Forwarder}.
 */
@ApplicationScoped
public class Admission {

    private final Forwarder forwarder;
    private final ProxyMetrics metrics;
    private final ContextGuard guard;
    private final long maxBodyBytes;

    public Admission(Forwarder forwarder, ProxyMetrics metrics, ProxyConfig config) {
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.guard = new ContextGuard(config.admission());
        this.maxBodyBytes = config.admission().maxBodyBytes();
    }

    /** {@code POST} of a generation ({@code generates=true}) or embedding request. */
    public void admit(RoutingContext ctx, boolean generates) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBodyBytes) {
            tooLarge(ctx);
            return;
        }
        Buffer body = Buffer.buffer(declared == null ? 1024 : (int) Math.max(0, parseLength(declared)));
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                over[0] = true;
                tooLarge(ctx);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> over[0] = true);
        request.endHandler(v -> {
            if (!over[0]) {
                admitBody(ctx, body, generates);
            }
        });
        request.resume();
    }

    private void admitBody(RoutingContext ctx, Buffer body, boolean generates) {
        byte[] bytes = body.getBytes();
        RequestPeek peek;
        try {
            peek = RequestPeek.of(bytes);
        } catch (InvalidRequestException e) {
            reply(ctx, e.error());
            return;
        }
        if (!peek.hasPrompt()) {
            reply(ctx, OpenAiError.badRequest(generates ? "The request has no 'messages' or 'prompt'."
                    : "The request has no 'input'.", generates ? "messages" : "input", null));
            return;
        }
        OpenAiError tooLong = guard.check(peek);
        if (tooLong != null) {
            metrics.contextTooLong();
            reply(ctx, tooLong);
            return;
        }
        boolean injectUsage = generates && peek.stream() && !peek.includeUsage();
        Buffer upstreamBody = body;
        if (injectUsage) {
            try {
                upstreamBody = Buffer.buffer(UsageRequest.rewrite(bytes, null, true));
            } catch (InvalidRequestException e) {
                reply(ctx, e.error());
                return;
            }
        }
        forwarder.forward(ctx, upstreamBody,
                new Forwarder.RelayedRequest(generates && peek.stream(), injectUsage, true, true));
    }

    private void tooLarge(RoutingContext ctx) {
        metrics.tooLarge();
        // the rest of the body is not read: close the connection rather than drain it
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        reply(ctx, OpenAiError.tooLarge(maxBodyBytes));
    }

    public static void reply(RoutingContext ctx, OpenAiError error) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toJson());
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
