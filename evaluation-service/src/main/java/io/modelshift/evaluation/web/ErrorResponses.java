package io.modelshift.evaluation.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.evaluation.benchmarks.DatasetException;
import io.modelshift.evaluation.sandbox.SandboxUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of this API answers in the OpenAI error envelope with a fitting status. */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    public static Response of(OpenAiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error.toJson()).build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return of(e.error());
    }

    @ServerExceptionMapper
    public Response dataset(DatasetException e) {
        return of(new OpenAiError(422, e.getMessage(), OpenAiError.INVALID_REQUEST, "benchmark", "dataset_unusable"));
    }

    @ServerExceptionMapper
    public Response sandbox(SandboxUnavailableException e) {
        return of(OpenAiError.unavailable(e.getMessage(), "sandbox_unavailable"));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return of(OpenAiError.badRequest("Request body is not valid JSON for this endpoint: " + e.getOriginalMessage(),
                e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                        ? m.getPath().getLast().getFieldName() : null, "invalid_json"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return of(OpenAiError.notFound("No such resource: " + e.getMessage(), null, "not_found"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        return of(new OpenAiError(status, e.getMessage() == null ? "HTTP " + status : e.getMessage(),
                status >= 500 ? OpenAiError.SERVER : OpenAiError.INVALID_REQUEST, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return of(OpenAiError.serverError("Internal error: " + e.getMessage()));
    }
}
