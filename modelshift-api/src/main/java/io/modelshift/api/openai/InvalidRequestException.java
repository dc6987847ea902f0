package io.modelshift.api.openai;

/** A request that cannot be served as sent; carries the OpenAI error to answer with. */
public final class InvalidRequestException extends RuntimeException {

    private final transient OpenAiError error;

    public InvalidRequestException(OpenAiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static InvalidRequestException badRequest(String message, String param) {
        return new InvalidRequestException(OpenAiError.badRequest(message, param, null));
    }

    public OpenAiError error() {
        return error;
    }
}
