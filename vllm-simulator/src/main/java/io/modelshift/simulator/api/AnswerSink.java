package io.modelshift.simulator.api;

import io.modelshift.simulator.engine.ChoicePlan;
import io.modelshift.simulator.engine.Generation;
import io.modelshift.simulator.engine.TokenSink;
import io.modelshift.simulator.faults.FailureType;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the streaming and the buffered answer share: token counting and the mid-generation fault, which strikes
 * after half of choice 0's tokens (or at the end when it has only one) and stops the generation.
 */
abstract class AnswerSink implements TokenSink {

    protected final HttpServerRequest request;
    protected final CompletionRequest req;
    protected final ResponseJson.Header header;
    private final StreamFault fault;
    private Generation generation;
    protected int completionTokens;
    private int choiceZeroTokens;
    private boolean over;

    AnswerSink(HttpServerRequest request, CompletionRequest req, ResponseJson.Header header, StreamFault fault) {
        this.request = request;
        this.req = req;
        this.header = header;
        this.fault = fault;
    }

    final void attach(Generation g) {
        this.generation = g;
    }

    @Override
    public final void onToken(int choice, String piece, boolean first, ChoicePlan end) {
        if (over) {
            return;
        }
        if (choice == 0 && fault.due(choiceZeroTokens)) {
            strike();
            return;
        }
        if (choice == 0) {
            choiceZeroTokens++;
        }
        completionTokens++;
        token(choice, piece, first, end);
    }

    @Override
    public final void onComplete() {
        if (over) {
            return;
        }
        if (fault.type() != null) {
            strike();
            return;
        }
        over = true;
        complete();
    }

    /** Writes or collects one token. */
    protected abstract void token(int choice, String piece, boolean first, ChoicePlan end);

    /** Every choice ended normally. */
    protected abstract void complete();

    /** Answers the injected fault (the generation is already stopped). */
    protected abstract void fail(FailureType type);

    private void strike() {
        over = true;
        generation.cancel();
        fail(fault.type());
    }
}
