package io.modelshift.simulator.api;

import io.modelshift.simulator.engine.ChoicePlan;
import io.modelshift.simulator.faults.FailureType;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a generation for a non-streaming answer. A mid-generation fault fails it late: {@code stream_error}
 * answers 500, {@code stream_cut} closes the connection without a response.
 */
final class BufferedSink extends AnswerSink {

    private final StringBuilder[] texts;
    private final ChoicePlan[] ends;

    BufferedSink(HttpServerRequest request, CompletionRequest req, ResponseJson.Header header, StreamFault fault) {
        super(request, req, header, fault);
        this.texts = new StringBuilder[req.choices()];
        this.ends = new ChoicePlan[req.choices()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = new StringBuilder(req.echo() ? req.promptOf(i).text() : "");
        }
    }

    @Override
    protected void token(int choice, String piece, boolean first, ChoicePlan end) {
        texts[choice].append(piece);
        if (end != null) {
            ends[choice] = end;
        }
    }

    @Override
    protected void complete() {
        List<ResponseJson.Choice> choices = new ArrayList<>(texts.length);
        for (int i = 0; i < texts.length; i++) {
            choices.add(new ResponseJson.Choice(texts[i].toString(), ends[i].finishReason(), ends[i].stopReason()));
        }
        request.response().putHeader("content-type", "application/json")
                .end(ResponseJson.complete(header, choices, new ResponseJson.Usage(req.promptTokens(),
                        completionTokens)));
    }

    @Override
    protected void fail(FailureType type) {
        if (type == FailureType.STREAM_ERROR) {
            Endpoints.error(request, VllmErrors.of(500, "Simulated failure during generation (stream_error).",
                    null));
        } else {
            request.connection().close();
        }
    }
}
