package io.modelshift.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.records.TrafficRecord.ErrorType;
import io.modelshift.api.relay.SseStreamTap;
import io.modelshift.api.relay.StreamOutcome;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.Variant;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Relays one client request to its variant, on the request's event loop, without blocking.
 *
 * <p>Nothing reaches the client before the upstream's first body byte (for streams) or whole body (otherwise), so
 * any failure before that point - connect error, reset, timeout, 5xx/429, an error frame as the first event, a
 * stream that ends empty - can still move the request to the route's stable variant (once). After the first byte a
 * stream failure ends the stream with an OpenAI error frame and no {@code [DONE]}: never a silently truncated 200.
 * A client that goes away resets the upstream request, so the upstream stops generating.
 */
public final class Relay implements Upstreams.Deadlined {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAPTURE_LIMIT = 1 << 20;
    /** An upstream's answer to "when may I retry", relayed with its error. */
    private static final List<String> RETRY_HEADERS = List.of("retry-after", "retry-after-ms");

    /** Counts a move to the stable variant: route, from, to, reason. */
    public interface FallbackCounter {
        void count(String route, String from, String to, String reason);
    }

    private final Upstreams upstreams;
    private final VariantGuards guards;
    private final FallbackCounter fallbacks;
    private final HttpServerResponse client;
    private final RelayRequest request;
    private final Route route;
    private final boolean mayFallback;
    private final long receivedAt;
    private final boolean capture;
    private final Consumer<RelayOutcome> onDone;
    private final Context context;

    private Variant current;
    private VariantGuards.Guard guard;
    private boolean guardHeld;
    private int attempt;
    /** The variant that failed before the request moved to the stable one; null while it has not moved. */
    private String fallbackFrom;
    /** The total timeout passed: no second attempt, though the request did not move. */
    private boolean outOfTime;
    private boolean committed;
    private boolean finished;
    private HttpClientRequest upstreamRequest;
    private HttpClientResponse upstreamResponse;
    private SseStreamTap tap;
    private Buffer body;
    private Buffer captured;
    private long issuedAt = -1;
    private long firstUpstreamByteAt = -1;
    private long ttft = -1;
    private long overhead;
    private long promptTokens = -1;
    private long completionTokens = -1;
    private String finishReason;
    private volatile long firstByteDeadline = Long.MAX_VALUE;
    private volatile long idleDeadline = Long.MAX_VALUE;
    private volatile long totalDeadline = Long.MAX_VALUE;
    private volatile boolean timeoutQueued;

    /**
     * @param capture      keep a copy of the answer (up to 1 MiB) for text capture in records
     */
    public Relay(Upstreams upstreams, VariantGuards guards, FallbackCounter fallbacks, HttpServerResponse client,
                 RelayRequest request, Route route, Variant first, boolean mayFallback, long receivedAt,
                 boolean capture, Consumer<RelayOutcome> onDone) {
        this.upstreams = upstreams;
        this.guards = guards;
        this.fallbacks = fallbacks;
        this.client = client;
        this.request = request;
        this.route = route;
        this.current = first;
        this.mayFallback = mayFallback;
        this.receivedAt = receivedAt;
        this.capture = capture;
        this.onDone = onDone;
        this.context = upstreams.vertx().getOrCreateContext();
    }

    public void start() {
        client.closeHandler(v -> clientGone());
        long now = System.nanoTime();
        totalDeadline = now + upstreams.config().totalTimeout().toNanos();
        upstreams.track(this);
        send(current);
    }

    private void send(Variant variant) {
        current = variant;
        int my = ++attempt;
        guard = guards.of(variant.name());
        long now = System.nanoTime();
        String refused = guard.tryEnter(now);
        if (refused != null) {
            failBeforeCommit(refused, OpenAiError.unavailable("Variant '" + variant.name() + "' is unavailable ("
                    + refused.replace('_', ' ') + ").", refused), false, ErrorType.GATEWAY);
            return;
        }
        guardHeld = true;
        byte[] payload = request.bodyFor().apply(variant);
        if (issuedAt < 0) {
            issuedAt = now;
        }
        // a streamed answer's first byte comes with its first token; a whole answer comes only once it is generated
        // (vLLM answers nothing before), so for it only the total timeout applies
        firstByteDeadline = request.stream() ? now + upstreams.config().firstByteTimeout().toNanos() : Long.MAX_VALUE;
        UpstreamAddress address = UpstreamAddress.of(variant.baseUrl());
        RequestOptions options = address.post(request.endpointPath(), request.requestId());
        if (request.stream()) {
            options.putHeader("accept", "text/event-stream");
        }
        upstreams.client(variant).request(options).onComplete(ar -> {
            if (my != attempt || finished) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                failBeforeCommit("connect", OpenAiError.badGateway("Cannot reach variant '" + variant.name()
                        + "': " + ar.cause().getMessage()), true, ErrorType.UPSTREAM);
                return;
            }
            upstreamRequest = ar.result();
            upstreamRequest.send(Buffer.buffer(payload)).onComplete(rr -> {
                if (my != attempt || finished) {
                    return;
                }
                if (rr.failed()) {
                    failBeforeCommit("reset", OpenAiError.badGateway("Variant '" + variant.name()
                            + "' failed before answering: " + rr.cause().getMessage()), true, ErrorType.UPSTREAM);
                    return;
                }
                onResponse(rr.result(), my);
            });
        });
    }

    private void onResponse(HttpClientResponse response, int my) {
        upstreamResponse = response;
        int status = response.statusCode();
        if (status >= 300) {
            collect(response, my, b -> upstreamError(status, b));
            return;
        }
        if (request.stream()) {
            tap = new SseStreamTap(request.stripUsageChunk());
            response.handler(chunk -> {
                if (my == attempt && !finished) {
                    onStreamChunk(chunk, response);
                }
            });
            response.endHandler(v -> {
                if (my == attempt && !finished) {
                    onStreamEnd();
                }
            });
            response.exceptionHandler(e -> {
                if (my == attempt && !finished) {
                    onStreamFailure("reset", "The upstream stream failed: " + e.getMessage());
                }
            });
        } else {
            collect(response, my, this::onWholeBody);
        }
    }

    /** Reads a whole (bounded) body, then hands it on. */
    private void collect(HttpClientResponse response, int my, Consumer<Buffer> then) {
        body = Buffer.buffer();
        int limit = upstreams.config().maxResponseBytes();
        response.handler(chunk -> {
            if (my != attempt || finished) {
                return;
            }
            if (firstUpstreamByteAt < 0) {
                firstUpstreamByteAt = System.nanoTime();
                idleDeadline = firstUpstreamByteAt + upstreams.config().idleTimeout().toNanos();
                firstByteDeadline = Long.MAX_VALUE;
            } else {
                idleDeadline = System.nanoTime() + upstreams.config().idleTimeout().toNanos();
            }
            if (body.length() + chunk.length() > limit) {
                failBeforeCommit("too_large", OpenAiError.badGateway("The upstream answer exceeds " + limit
                        + " bytes."), false, ErrorType.UPSTREAM);
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(e -> {
            if (my == attempt && !finished) {
                failBeforeCommit("reset", OpenAiError.badGateway("Variant '" + current.name()
                        + "' failed while answering: " + e.getMessage()), true, ErrorType.UPSTREAM);
            }
        });
        response.endHandler(v -> {
            if (my == attempt && !finished) {
                then.accept(body);
            }
        });
    }

    private void upstreamError(int status, Buffer errorBody) {
        boolean serverSide = status >= 500 || status == 429;
        if (serverSide && canFallback()) {
            failBeforeCommit("http_" + status, null, status >= 500, ErrorType.UPSTREAM);
            return;
        }
        if (status >= 500) {
            guard.breaker().onFailure(System.nanoTime());
        } else {
            guard.breaker().onSuccess();
        }
        releaseGuard();
        String json = envelope(status, errorBody);
        ErrorType type = serverSide ? ErrorType.UPSTREAM : ErrorType.CLIENT;
        String code = errorCode(json);
        if (!clientWritable()) {
            finish(499, ErrorType.CLIENT, "client_closed");
            return;
        }
        commit(status < 400 ? 502 : status, "application/json", System.nanoTime());
        // the OpenAI SDKs wait as long as a 429 or 503 asks before they retry; without it they back off blindly
        for (String header : RETRY_HEADERS) {
            String value = upstreamResponse.getHeader(header);
            if (value != null) {
                client.putHeader(header, value);
            }
        }
        client.end(json);
        finish(status < 400 ? 502 : status, type, code);
    }

    private void onWholeBody(Buffer whole) {
        long now = System.nanoTime();
        readUsage(whole);
        guard.breaker().onSuccess();
        releaseGuard();
        if (!clientWritable()) {
            finish(499, ErrorType.CLIENT, "client_closed");
            return;
        }
        String type = upstreamResponse.getHeader("content-type");
        commit(upstreamResponse.statusCode(), type == null ? "application/json" : type, now);
        client.putHeader("content-length", Integer.toString(whole.length()));
        client.end(whole);
        if (capture) {
            captured = whole;
        }
        finish(upstreamResponse.statusCode(), ErrorType.NONE, null);
    }

    private void onStreamChunk(Buffer chunk, HttpClientResponse response) {
        long now = System.nanoTime();
        if (firstUpstreamByteAt < 0) {
            firstUpstreamByteAt = now;
            firstByteDeadline = Long.MAX_VALUE;
        }
        idleDeadline = now + upstreams.config().idleTimeout().toNanos();
        Buffer out = tap.feed(chunk);
        if (!committed) {
            if (out.length() == 0) {
                return;
            }
            if (tap.outcome().errorFrame() != null && canFallback()) {
                failBeforeCommit("error_frame", null, true, ErrorType.UPSTREAM);
                return;
            }
            if (!clientWritable()) {
                clientGone();
                return;
            }
            commit(200, "text/event-stream", now);
            client.setChunked(true);
            client.putHeader("cache-control", "no-cache");
        }
        if (out.length() > 0) {
            write(out);
            if (client.writeQueueFull()) {
                response.pause();
                client.drainHandler(v -> response.resume());
            }
        }
    }

    private void onStreamEnd() {
        Buffer rest = tap.flush();
        StreamOutcome outcome = tap.outcome();
        promptTokens = outcome.promptTokens();
        completionTokens = outcome.completionTokens();
        finishReason = outcome.finishReason();
        if (!committed && rest.length() == 0) {
            if (canFallback()) {
                failBeforeCommit("empty_stream", null, true, ErrorType.UPSTREAM);
                return;
            }
            onStreamFailure("empty_stream", "The upstream stream ended without any event.");
            return;
        }
        if (!committed) {
            commit(200, "text/event-stream", System.nanoTime());
            client.setChunked(true);
        }
        if (rest.length() > 0) {
            write(rest);
        }
        if (!outcome.done() && outcome.errorFrame() == null) {
            onStreamFailure("stream_cut", "The upstream stream ended before it was complete.");
            return;
        }
        guard.breaker().onSuccess();
        releaseGuard();
        client.end();
        if (outcome.errorFrame() != null) {
            finish(200, ErrorType.UPSTREAM, errorCode("{\"error\":" + errorOf(outcome.errorFrame()) + "}"));
        } else {
            finish(200, ErrorType.NONE, null);
        }
    }

    /** A stream that broke: after the first byte, end it with an error frame; before it, fall back or fail. */
    private void onStreamFailure(String reason, String message) {
        if (!committed) {
            failBeforeCommit(reason, OpenAiError.badGateway(message), true, ErrorType.UPSTREAM);
            return;
        }
        guard.breaker().onFailure(System.nanoTime());
        releaseGuard();
        resetUpstream();
        if (tap != null) {
            StreamOutcome outcome = tap.outcome();
            promptTokens = outcome.promptTokens();
            completionTokens = outcome.completionTokens();
            finishReason = outcome.finishReason();
        }
        OpenAiError error = new OpenAiError(502, message, OpenAiError.SERVER, null, reason);
        if (clientWritable()) {
            client.end(error.toSseFrame());
        }
        finish(200, ErrorType.UPSTREAM, reason);
    }

    private boolean canFallback() {
        return mayFallback && fallbackFrom == null && !outOfTime && !committed
                && !current.name().equals(route.stable());
    }

    /**
     * A failure before the client saw a byte: falls back to the stable variant once when allowed, else answers
     * with {@code error} (or, when it is null, the 502 for the reason).
     */
    private void failBeforeCommit(String reason, OpenAiError error, boolean breakerFailure, ErrorType type) {
        if (breakerFailure && guardHeld) {
            guard.breaker().onFailure(System.nanoTime());
        }
        releaseGuard();
        resetUpstream();
        if (canFallback()) {
            Variant stable = route.stableVariant();
            fallbacks.count(route.name(), current.name(), stable.name(), reason);
            fallbackFrom = current.name();
            firstUpstreamByteAt = -1;
            idleDeadline = Long.MAX_VALUE;
            tap = null;
            send(stable);
            return;
        }
        OpenAiError answer = error != null ? error
                : OpenAiError.badGateway("Variant '" + current.name() + "' failed (" + reason + ").");
        if (!clientWritable()) {
            finish(499, ErrorType.CLIENT, "client_closed");
            return;
        }
        commit(answer.status(), "application/json", System.nanoTime());
        client.end(answer.toJson());
        finish(answer.status(), type, String.valueOf(answer.code()));
    }

    @Override
    public void checkDeadline(long now) {
        if (finished || timeoutQueued) {
            return;
        }
        String kind = now >= totalDeadline ? "total_timeout"
                : now >= firstByteDeadline ? "first_byte_timeout"
                : now >= idleDeadline ? "idle_timeout" : null;
        if (kind != null) {
            timeoutQueued = true;
            context.runOnContext(v -> onTimeout(kind));
        }
    }

    private void onTimeout(String kind) {
        timeoutQueued = false;
        if (finished) {
            return;
        }
        String message = switch (kind) {
            case "first_byte_timeout" -> "Variant '" + current.name() + "' sent no answer within "
                    + upstreams.config().firstByteTimeout().toMillis() + " ms.";
            case "idle_timeout" -> "Variant '" + current.name() + "' went silent for "
                    + upstreams.config().idleTimeout().toMillis() + " ms.";
            default -> "The request exceeded the total timeout of "
                    + upstreams.config().totalTimeout().toMillis() + " ms.";
        };
        if (committed) {
            onStreamFailure(kind, message);
        } else {
            outOfTime = "total_timeout".equals(kind); // no time left for a second attempt
            failBeforeCommit(kind, OpenAiError.gatewayTimeout(message), true, ErrorType.UPSTREAM);
        }
    }

    private void clientGone() {
        if (finished) {
            return;
        }
        releaseGuard();
        resetUpstream();
        finish(499, ErrorType.CLIENT, "client_closed");
    }

    private void commit(int status, String contentType, long now) {
        committed = true;
        ttft = now - receivedAt;
        long upstreamPart = firstUpstreamByteAt < 0 ? 0 : now - firstUpstreamByteAt;
        overhead = (issuedAt < 0 ? now - receivedAt : issuedAt - receivedAt) + Math.max(0, upstreamPart);
        client.setStatusCode(status);
        client.putHeader("content-type", contentType);
        client.putHeader("x-modelshift-variant", current.name());
        client.putHeader("x-modelshift-overhead-ms", millis(overhead));
        if (fallbackFrom != null) {
            client.putHeader("x-modelshift-fallback", "true");
        }
    }

    private void write(Buffer out) {
        client.write(out);
        if (capture) {
            if (captured == null) {
                captured = Buffer.buffer();
            }
            if (captured.length() + out.length() <= CAPTURE_LIMIT) {
                captured.appendBuffer(out);
            }
        }
    }

    private void finish(int status, ErrorType type, String code) {
        if (finished) {
            return;
        }
        finished = true;
        upstreams.untrack(this);
        releaseGuard();
        onDone.accept(new RelayOutcome(current, status, type, code, fallbackFrom, ttft, System.nanoTime(), overhead,
                promptTokens, completionTokens, finishReason, captured == null ? null : captured.getBytes()));
    }

    private void releaseGuard() {
        if (guardHeld) {
            guardHeld = false;
            guard.bulkhead().release();
            guard.breaker().release();
        }
    }

    /** Resets the upstream call; bumps the attempt first so that callbacks the reset fires are ignored. */
    private void resetUpstream() {
        attempt++;
        if (upstreamRequest != null) {
            upstreamRequest.reset();
            upstreamRequest = null;
        }
    }

    private boolean clientWritable() {
        return !client.closed() && !client.ended();
    }

    private void readUsage(Buffer whole) {
        AnswerSummary summary = AnswerSummary.of(whole.getBytes());
        promptTokens = summary.promptTokens();
        completionTokens = summary.completionTokens();
        finishReason = summary.finishReason();
    }

    /** The upstream's error body if it is an OpenAI envelope, else one wrapping it. */
    static String envelope(int status, Buffer errorBody) {
        try {
            JsonNode tree = JSON.readTree(errorBody.getBytes());
            if (tree != null && tree.path("error").isObject()) {
                return errorBody.toString();
            }
            if (tree != null && tree.path("message").isTextual()) { // older vLLM: a flat error object
                return new OpenAiError(status < 400 ? 502 : status, tree.path("message").asText(),
                        tree.path("type").asText(OpenAiError.SERVER), null, tree.path("code").isNumber()
                        ? tree.path("code").asInt() : tree.path("code").asText(null)).toJson();
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the wrapper
        }
        String text = errorBody.length() > 200 ? errorBody.getString(0, 200) : errorBody.toString();
        return new OpenAiError(status < 400 ? 502 : status, "The upstream answered HTTP " + status
                + (text.isBlank() ? "." : ": " + text), status >= 500 ? OpenAiError.SERVER
                : OpenAiError.INVALID_REQUEST, null, status).toJson();
    }

    private static String errorCode(String envelopeJson) {
        try {
            JsonNode code = JSON.readTree(envelopeJson).path("error").path("code");
            return code.isMissingNode() || code.isNull() ? null : code.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorOf(String frameJson) {
        try {
            return JSON.readTree(frameJson).path("error").toString();
        } catch (IOException e) {
            return "{}";
        }
    }

    /** Milliseconds with three decimals, without String.format on the hot path. */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        long frac = micros % 1000;
        return (micros / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }
}
