package io.modelshift.api.openai;

/**
 * A request that cannot be served as sent (bad input, an unknown name); carries the OpenAI error, status included,
 * that every service answers it with.
 */
public final class InvalidRequestException extends RuntimeException {

    private final transient OpenAiError error;

    public InvalidRequestException(OpenAiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static InvalidRequestException badRequest(String message, String param) {
        return badRequest(message, param, null);
    }

    public static InvalidRequestException badRequest(String message, String param, String code) {
        return new InvalidRequestException(OpenAiError.badRequest(message, param, code));
    }

    public static InvalidRequestException notFound(String message, String param, String code) {
        return new InvalidRequestException(OpenAiError.notFound(message, param, code));
    }

    public OpenAiError error() {
        return error;
    }
}
