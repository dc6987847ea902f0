package io.modelshift.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAI error envelope {@code {"error":{"message","type","param","code"}}}, which every modelshift HTTP API
 * answers with on failure.
 *
 * <p>{@code code} is an {@link Object} on purpose: OpenAI sends a string code ({@code "invalid_api_key"}), while vLLM
 * sends the numeric HTTP status ({@code 400}). Both must round-trip unchanged through the gateway and the proxy.
 *
 * @param status the HTTP status this error is answered with; not part of the JSON body
 */
public record OpenAiError(int status, String message, String type, String param, Object code) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Error types in OpenAI's vocabulary. */
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String PERMISSION = "permission_error";
    public static final String NOT_FOUND = "not_found_error";
    public static final String RATE_LIMIT = "rate_limit_error";
    public static final String SERVER = "server_error";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";

    public OpenAiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 4xx or 5xx, got " + status);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("an error needs a message");
        }
    }

    public static OpenAiError badRequest(String message, String param, String code) {
        return new OpenAiError(400, message, INVALID_REQUEST, param, code);
    }

    public static OpenAiError unauthorized(String message) {
        return new OpenAiError(401, message, AUTHENTICATION, null, "invalid_api_key");
    }

    public static OpenAiError forbidden(String message) {
        return new OpenAiError(403, message, PERMISSION, null, "forbidden");
    }

    public static OpenAiError notFound(String message, String param, String code) {
        return new OpenAiError(404, message, NOT_FOUND, param, code);
    }

    public static OpenAiError tooLarge(long limitBytes) {
        return new OpenAiError(413, "Request body exceeds the limit of " + limitBytes + " bytes.", INVALID_REQUEST,
                null, "request_too_large");
    }

    public static OpenAiError rateLimited(String message, String code) {
        return new OpenAiError(429, message, RATE_LIMIT, null, code);
    }

    public static OpenAiError serverError(String message) {
        return new OpenAiError(500, message, SERVER, null, "internal_error");
    }

    public static OpenAiError badGateway(String message) {
        return new OpenAiError(502, message, SERVER, null, "upstream_error");
    }

    public static OpenAiError unavailable(String message, String code) {
        return new OpenAiError(503, message, SERVICE_UNAVAILABLE, null, code);
    }

    public static OpenAiError gatewayTimeout(String message) {
        return new OpenAiError(504, message, SERVER, null, "upstream_timeout");
    }

    /** The JSON body: {@code {"error":{...}}}; {@code param} and {@code code} are written as null when absent. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Envelope(new Body(message, type, param, code)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an error envelope", e);
        }
    }

    /** The same error as one SSE frame, for a stream that fails after its first byte went out. */
    public String toSseFrame() {
        return "data: " + toJson() + "\n\n";
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Body(String message, String type, String param, Object code) {
    }

    record Envelope(Body error) {
    }
}
