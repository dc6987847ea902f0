package io.modelshift.simulator.api;

import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;

/**
 * Errors as vLLM writes them ({@code ErrorResponse{error: ErrorInfo{message, type, param, code}}}): the type is
 * an exception-style name and {@code code} is the HTTP status as a number.
 */
public final class VllmErrors {

    private VllmErrors() {
    }

    public static OpenAiError of(int status, String message, String param) {
        return new OpenAiError(status, message, typeFor(status), param, status);
    }

    public static InvalidRequestException badRequest(String message, String param) {
        return new InvalidRequestException(of(400, message, param));
    }

    public static OpenAiError modelNotFound(String model) {
        return of(404, "The model `" + model + "` does not exist.", "model");
    }

    /** vLLM's (and llm-d-inference-sim's) mapping of status to error type. */
    static String typeFor(int status) {
        return switch (status) {
            case 400 -> "BadRequestError";
            case 401 -> "AuthenticationError";
            case 403 -> "PermissionDeniedError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowedError";
            case 413 -> "RequestEntityTooLargeError";
            case 422 -> "UnprocessableEntityError";
            case 429 -> "RateLimitError";
            default -> status >= 500 ? "InternalServerError" : "BadRequestError";
        };
    }
}
