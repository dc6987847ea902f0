package io.modelshift.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.relay.SseStreamTap;
import io.modelshift.api.relay.StreamOutcome;
import io.modelshift.gateway.routing.Variant;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A shadow copy of a request, sent to another variant after the client's own request is on its way. Its answer is
 * read (for usage and, when captured, text) and thrown away; it never touches the client's response, the circuit
 * breakers or the fallback logic. Concurrency is bounded by the caller ({@link Bulkhead}); a copy that cannot get a
 * slot is skipped, never queued.
 */
public final class ShadowCall implements Upstreams.Deadlined {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAPTURE_LIMIT = 1 << 20;

    /**
     * How the copy ended.
     *
     * @param status HTTP status from the variant, or 502/504 when it failed to answer
     * @param body   the answer (SSE or JSON) when captured, else null
     */
    public record Result(Variant variant, int status, String error, long ttftNanos, long endNanos,
                         long promptTokens, long completionTokens, String finishReason, byte[] body) {
    }

    private final Upstreams upstreams;
    private final Variant variant;
    private final RelayRequest request;
    private final boolean capture;
    private final Consumer<Result> onDone;
    private final io.vertx.core.Context context;
    private final long startedAt = System.nanoTime();
    private final Buffer body = Buffer.buffer();
    private volatile long deadline;
    private long firstByte = -1;
    private boolean finished;
    private io.vertx.core.http.HttpClientRequest upstreamRequest;

    public ShadowCall(Upstreams upstreams, Variant variant, RelayRequest request, boolean capture,
                      Consumer<Result> onDone) {
        this.upstreams = upstreams;
        this.variant = variant;
        this.request = request;
        this.capture = capture;
        this.onDone = onDone;
        this.context = upstreams.vertx().getOrCreateContext();
    }

    public void start() {
        deadline = startedAt + upstreams.config().totalTimeout().toNanos();
        upstreams.track(this);
        UpstreamAddress address = UpstreamAddress.of(variant.baseUrl());
        byte[] payload = request.bodyFor().apply(variant);
        RequestOptions options = address.post(request.endpointPath(), request.requestId() + "-shadow")
                .putHeader("x-modelshift-shadow", "true");
        upstreams.client(variant).request(options)
                .compose(req -> {
                    upstreamRequest = req;
                    return req.send(Buffer.buffer(payload));
                })
                .onComplete(ar -> {
                    if (ar.failed()) {
                        end(502, ar.cause().getMessage(), null);
                    } else {
                        read(ar.result());
                    }
                });
    }

    private void read(HttpClientResponse response) {
        SseStreamTap tap = request.stream() && response.statusCode() < 300 ? new SseStreamTap(false) : null;
        response.handler(chunk -> {
            if (firstByte < 0) {
                firstByte = System.nanoTime();
            }
            if (tap != null) {
                tap.feed(chunk);
            }
            if (capture || tap == null) {
                if (body.length() + chunk.length() <= CAPTURE_LIMIT) {
                    body.appendBuffer(chunk);
                }
            }
        });
        response.exceptionHandler(e -> end(502, e.getMessage(), tap));
        response.endHandler(v -> end(response.statusCode(), null, tap));
    }

    private void end(int status, String error, SseStreamTap tap) {
        if (finished) {
            return;
        }
        finished = true;
        upstreams.untrack(this);
        long prompt = -1;
        long completion = -1;
        String finish = null;
        if (tap != null) {
            StreamOutcome o = tap.outcome();
            prompt = o.promptTokens();
            completion = o.completionTokens();
            finish = o.finishReason();
            if (error == null && !o.complete()) {
                error = o.errorFrame() != null ? o.errorFrame() : "stream incomplete";
            }
        } else if (status < 300 && body.length() > 0) {
            try {
                JsonNode tree = JSON.readTree(body.getBytes());
                prompt = tree.path("usage").path("prompt_tokens").asLong(-1);
                completion = tree.path("usage").path("completion_tokens").asLong(-1);
                JsonNode reason = tree.path("choices").path(0).path("finish_reason");
                finish = reason.isTextual() ? reason.asText() : null;
            } catch (IOException e) {
                error = "answer is not JSON";
            }
        }
        long ttft = firstByte < 0 ? -1 : firstByte - startedAt;
        onDone.accept(new Result(variant, status, error, ttft, System.nanoTime(), prompt, completion, finish,
                capture && body.length() > 0 ? body.getBytes() : null));
    }

    @Override
    public void checkDeadline(long nowNanos) {
        if (!finished && nowNanos >= deadline) {
            deadline = Long.MAX_VALUE;
            context.runOnContext(v -> {
                if (upstreamRequest != null) {
                    upstreamRequest.reset();
                }
                end(504, "shadow copy timed out", null);
            });
        }
    }
}
