package io.modelshift.gateway.api;

import io.modelshift.api.openai.OpenAiError;
import io.vertx.core.http.HttpServerResponse;

/** Writes error answers in the OpenAI envelope. */
final class Replies {

    private Replies() {
    }

    static void error(HttpServerResponse response, OpenAiError error, String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status())
                .putHeader("content-type", "application/json")
                .putHeader("x-request-id", requestId)
                .end(error.toJson());
    }
}
