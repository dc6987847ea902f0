package io.modelshift.cost.web;

import io.modelshift.api.openai.OpenAiError;

/** A request or input the cost service refuses; carries the OpenAI-style error it is answered with. */
public class CostException extends RuntimeException {

    private final transient OpenAiError error;

    public CostException(OpenAiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static CostException badRequest(String message, String param, String code) {
        return new CostException(OpenAiError.badRequest(message, param, code));
    }

    public static CostException notFound(String message, String param, String code) {
        return new CostException(OpenAiError.notFound(message, param, code));
    }

    public OpenAiError error() {
        return error;
    }
}
