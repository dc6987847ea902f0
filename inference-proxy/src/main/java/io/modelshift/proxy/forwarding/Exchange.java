package io.modelshift.proxy.forwarding;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.relay.CompletionUsage;
import io.modelshift.api.relay.SseStreamTap;
import io.modelshift.api.relay.StreamOutcome;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.picking.Choice;
import io.modelshift.proxy.telemetry.Outcome;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Set;

/**
 * One client request on its way through the pool, driven entirely from the client connection's event loop.
 *
 * <p>Each attempt goes to a pod the picker chooses among those not tried yet. A connection failure, timeout, 5xx or
 * 429 is retried on another pod as long as nothing has been written to the client; non-streaming answers are read
 * whole before they are relayed, so even a pod dying mid-body is retried. A stream is relayed chunk by chunk once its
 * first event arrives; a failure after that ends the client's stream with an OpenAI error frame. When the client
 * goes away, the upstream request is reset at once, which closes the connection and makes vLLM abort the request.
 */
final class Exchange {

    private static final Logger LOG = Logger.getLogger(Exchange.class);
    private static final String POD_HEADER = "x-modelshift-pod";
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final Forwarder f;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Buffer body;
    private final Forwarder.RelayedRequest kind;
    private final Set<Pod> tried = new HashSet<>(4);
    private int attempts;
    private boolean clientGone;
    private Attempt current;

    Exchange(Forwarder forwarder, RoutingContext ctx, Buffer body, Forwarder.RelayedRequest kind) {
        this.f = forwarder;
        this.request = ctx.request();
        this.response = ctx.response();
        this.body = body;
        this.kind = kind;
    }

    void start() {
        response.closeHandler(v -> clientGone());
        next(null);
    }

    /** Why the last attempt failed: an upstream answer to relay as it is, or an exception. */
    private record Failure(Pod pod, int status, MultiMap headers, Buffer body, Throwable cause) {
    }

    private final class Attempt {
        final Pod pod;
        final long startNanos = System.nanoTime();
        HttpClientRequest upstream;
        boolean started;
        boolean finished;

        Attempt(Pod pod) {
            this.pod = pod;
        }

        /** @param podFault true: counts towards ejection; false: counts as a good answer; null: neither */
        void finish(Outcome outcome, Boolean podFault) {
            if (finished) {
                return;
            }
            finished = true;
            pod.end();
            long now = System.nanoTime();
            f.metrics.attempt(pod, outcome, now - startNanos);
            if (Boolean.TRUE.equals(podFault)) {
                if (pod.outlier().onFailure(now)) {
                    LOG.warnf("pod %s ejected for %d ms after consecutive failures", pod,
                            pod.outlier().backoffNanos() / 1_000_000);
                    f.metrics.ejected(pod);
                }
            } else if (Boolean.FALSE.equals(podFault)) {
                pod.outlier().onSuccess(now);
            }
        }

        /** A failure before anything reached the client: retry elsewhere, or answer with it. */
        void failed(Failure failure, Outcome outcome, Boolean podFault) {
            if (finished) {
                return;
            }
            finish(outcome, podFault);
            if (clientGone) {
                return;
            }
            if (attempts <= f.config.retries()) {
                next(failure);
            } else {
                answer(failure);
            }
        }

        void failed(Throwable cause) {
            LOG.debugf("attempt on %s failed: %s", pod, cause.toString());
            failed(new Failure(pod, 0, null, null, cause), Outcome.FAILED, true);
        }
    }

    private void next(Failure last) {
        if (clientGone) {
            return;
        }
        Choice choice = f.picker.pick(tried, kind.shed() && attempts == 0);
        switch (choice) {
            case Choice.Chosen chosen -> {
                if (attempts > 0) {
                    f.metrics.retried();
                }
                if (chosen.panic()) {
                    f.metrics.panicPick();
                }
                send(chosen.pod());
            }
            case Choice.NoPodReady none -> {
                if (last != null) {
                    answer(last);
                } else {
                    f.metrics.shedNoPod();
                    reply(OpenAiError.unavailable(none.pods() == 0 ? "No pod serves this model yet."
                            : "No pod of this model is ready (" + none.pods() + " known, none ready).",
                            "no_ready_pod"));
                }
            }
            case Choice.AllSaturated saturated -> {
                f.metrics.shedSaturated();
                response.putHeader("Retry-After", Integer.toString(f.retryAfterSeconds));
                reply(OpenAiError.rateLimited("All " + saturated.readyPods() + " ready pods of this model are "
                        + "saturated; retry after " + f.retryAfterSeconds + " s.", "pool_saturated"));
            }
        }
    }

    private void send(Pod pod) {
        tried.add(pod);
        attempts++;
        Attempt attempt = new Attempt(pod);
        current = attempt;
        pod.begin();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(pod.host())
                .setPort(pod.port())
                .setURI(request.uri())
                .setConnectTimeout(f.config.connectTimeout().toMillis())
                .setIdleTimeout(f.config.idleTimeout().toMillis());
        MultiMap headers = HttpHeaders.headers();
        Headers.copyToPod(request.headers(), headers);
        options.setHeaders(headers);
        f.upstream.client().request(options).onComplete(ar -> {
            if (ar.failed()) {
                attempt.failed(ar.cause());
                return;
            }
            HttpClientRequest upstream = ar.result();
            attempt.upstream = upstream;
            // failures arrive through the send() future; this only keeps Vert.x from logging our own resets
            upstream.exceptionHandler(e -> LOG.debugf("upstream request to %s: %s", pod, e.toString()));
            if (attempt.finished) {
                upstream.reset();
                return;
            }
            (body == null ? upstream.send() : upstream.send(body)).onComplete(r -> {
                if (r.failed()) {
                    attempt.failed(r.cause());
                } else {
                    onResponse(attempt, r.result());
                }
            });
        });
    }

    private void onResponse(Attempt attempt, HttpClientResponse resp) {
        if (attempt.finished) {
            return;
        }
        attempt.pod.answering(System.nanoTime());
        int status = resp.statusCode();
        if (status >= 500 || status == 429) {
            // read the answer whole: it is small, keeps the connection reusable and may be relayed as the last word
            resp.body().onComplete(ar -> attempt.failed(
                    new Failure(attempt.pod, status, resp.headers(), ar.succeeded() ? ar.result() : null, null),
                    status == 429 ? Outcome.REJECTED : Outcome.FAILED, status == 429 ? null : Boolean.TRUE));
            return;
        }
        String type = resp.getHeader(HttpHeaders.CONTENT_TYPE);
        if (kind.stream() && status == 200 && type != null && type.startsWith("text/event-stream")) {
            relayStream(attempt, resp);
        } else {
            relayWhole(attempt, resp);
        }
    }

    private void relayWhole(Attempt attempt, HttpClientResponse resp) {
        resp.body().onComplete(ar -> {
            if (attempt.finished) {
                return;
            }
            if (ar.failed()) {
                attempt.failed(ar.cause());
                return;
            }
            Buffer answer = ar.result();
            int status = resp.statusCode();
            if (kind.countsTokens() && status == 200) {
                byte[] bytes = answer.getBytes();
                CompletionUsage usage = CompletionUsage.read(bytes, 0, bytes.length);
                f.metrics.tokens(attempt.pod, usage.promptTokens(), usage.completionTokens());
            }
            attempt.finish(status >= 400 ? Outcome.CLIENT_ERROR : Outcome.OK, Boolean.FALSE);
            writeHead(attempt.pod, status, resp.headers(), false);
            response.end(answer);
        });
    }

    private void relayStream(Attempt attempt, HttpClientResponse resp) {
        SseStreamTap tap = new SseStreamTap(kind.stripUsage());
        resp.handler(chunk -> {
            if (attempt.finished) {
                return;
            }
            long now = System.nanoTime();
            attempt.pod.answering(now);
            Buffer out = tap.feed(chunk);
            if (out.length() == 0) {
                return;
            }
            if (!attempt.started) {
                attempt.started = true;
                f.metrics.timeToFirstToken(attempt.pod, now - attempt.startNanos);
                writeHead(attempt.pod, 200, resp.headers(), true);
            }
            response.write(out);
            if (response.writeQueueFull()) {
                resp.pause();
                response.drainHandler(v -> resp.resume());
            }
        });
        resp.exceptionHandler(cause -> {
            if (attempt.finished) {
                return;
            }
            if (!attempt.started) {
                attempt.failed(cause);
                return;
            }
            LOG.debugf("stream from %s broke: %s", attempt.pod, cause.toString());
            endStream(attempt, tap.outcome(), OpenAiError.badGateway("The model server's stream broke off: "
                    + cause.getMessage()), true);
        });
        resp.endHandler(v -> {
            if (attempt.finished) {
                return;
            }
            Buffer rest = tap.flush();
            StreamOutcome outcome = tap.outcome();
            if (!attempt.started && rest.length() == 0) {
                attempt.failed(new IllegalStateException("the model server sent an empty stream"));
                return;
            }
            if (!attempt.started) {
                attempt.started = true;
                writeHead(attempt.pod, 200, resp.headers(), true);
            }
            if (rest.length() > 0) {
                response.write(rest);
            }
            if (!outcome.done() && outcome.errorFrame() == null) {
                endStream(attempt, outcome, OpenAiError.badGateway(
                        "The model server ended the stream before it was complete."), true);
                return;
            }
            countTokens(attempt, outcome);
            attempt.finish(outcome.errorFrame() == null ? Outcome.OK : Outcome.STREAM_ERROR,
                    outcome.errorFrame() == null ? Boolean.FALSE : null);
            response.end();
        });
    }

    /** Ends a started stream that failed: an error frame the SDKs raise on, then [DONE]; never a silent 200. */
    private void endStream(Attempt attempt, StreamOutcome outcome, OpenAiError error, boolean podFault) {
        countTokens(attempt, outcome);
        attempt.finish(Outcome.STREAM_ERROR, podFault);
        if (!response.ended() && !clientGone) {
            response.write(error.toSseFrame());
            response.end(DONE);
        }
    }

    private void countTokens(Attempt attempt, StreamOutcome outcome) {
        if (kind.countsTokens() && outcome.hasUsage()) {
            f.metrics.tokens(attempt.pod, outcome.promptTokens(), outcome.completionTokens());
        }
    }

    private void writeHead(Pod pod, int status, MultiMap upstreamHeaders, boolean chunked) {
        response.setStatusCode(status);
        Headers.copyToClient(upstreamHeaders, response.headers());
        response.putHeader(POD_HEADER, pod.name());
        if (chunked) {
            response.setChunked(true);
        }
    }

    /** The final answer after the last failed attempt: the pod's own error if it sent one, else 502/504. */
    private void answer(Failure failure) {
        if (response.ended() || clientGone) {
            return;
        }
        if (failure.status() > 0) {
            writeHead(failure.pod(), failure.status(), failure.headers(), false);
            response.end(failure.body() == null ? Buffer.buffer() : failure.body());
            return;
        }
        Throwable cause = failure.cause();
        String what = "Pod " + failure.pod().name() + " failed after " + attempts + " attempt(s): "
                + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        String name = cause.getClass().getSimpleName();
        reply(name.contains("Timeout") ? OpenAiError.gatewayTimeout(what) : OpenAiError.badGateway(what));
    }

    private void reply(OpenAiError error) {
        if (response.ended() || clientGone) {
            return;
        }
        response.setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toJson());
    }

    private void clientGone() {
        if (response.ended()) {
            return;
        }
        clientGone = true;
        Attempt attempt = current;
        if (attempt != null && !attempt.finished) {
            attempt.finish(Outcome.CANCELLED, null);
            if (attempt.upstream != null) {
                attempt.upstream.reset();
            }
        }
    }
}
