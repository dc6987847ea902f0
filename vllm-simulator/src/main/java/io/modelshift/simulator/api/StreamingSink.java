package io.modelshift.simulator.api;

import io.modelshift.simulator.engine.ChoicePlan;
import io.modelshift.simulator.faults.FailureType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a generation as vLLM's SSE stream, each token flushed as it is produced: per choice a first chunk with
 * the role (chat), content chunks, the finishing chunk; then the usage chunk when asked for, then {@code [DONE]}.
 */
final class StreamingSink extends AnswerSink {

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final HttpServerResponse response;
    private Future<Void> lastWrite = Future.succeededFuture();

    StreamingSink(HttpServerRequest request, CompletionRequest req, ResponseJson.Header header, StreamFault fault) {
        super(request, req, header, fault);
        this.response = request.response();
    }

    /** Sets the SSE headers; they go out with the first chunk or {@link #flushHead()}, whichever comes first. */
    void prepare() {
        response.setChunked(true);
        response.putHeader("content-type", "text/event-stream; charset=utf-8");
        response.putHeader("cache-control", "no-cache");
    }

    /** Sends the status and headers now, so a client sees 200 while the request waits for its first token. */
    void flushHead() {
        if (!response.headWritten() && !response.ended() && !response.closed()) {
            response.writeHead();
        }
    }

    @Override
    protected void token(int choice, String piece, boolean first, ChoicePlan end) {
        ResponseJson.Usage usage = req.continuousUsage()
                ? new ResponseJson.Usage(req.promptTokens(), completionTokens) : null;
        if (first && header.chat()) {
            response.write(ResponseJson.chunk(header, choice, true, "", null, null, usage));
        }
        String text = first && req.echo() ? req.promptOf(choice).text() + piece : piece;
        lastWrite = response.write(ResponseJson.chunk(header, choice, false, text,
                end == null ? null : end.finishReason(), end == null ? null : end.stopReason(), usage));
    }

    @Override
    protected void complete() {
        if (req.includeUsage()) {
            response.write(ResponseJson.usageChunk(header, new ResponseJson.Usage(req.promptTokens(),
                    completionTokens)));
        }
        response.end(DONE);
    }

    /** An error frame then {@code [DONE]} (vLLM's in-stream error), or a cut without {@code [DONE]}. */
    @Override
    protected void fail(FailureType type) {
        if (type == FailureType.STREAM_ERROR) {
            response.write(Buffer.buffer(VllmErrors.of(500,
                    "Simulated failure in the middle of the stream (stream_error).", null).toSseFrame()));
            response.end(DONE);
        } else {
            // Close once the chunks already written are on the wire: the client sees content, then the cut.
            lastWrite.onComplete(done -> request.connection().close());
        }
    }
}
