package io.modelshift.cost.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.cost.usage.UsageLedger;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves as the OpenAI error envelope with a status that says whose fault it was. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** Bad input or an unknown name, found here or by the shared readers of modelshift-api. */
    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return respond(e.error());
    }

    /** Named on its own: Quarkus ships a mapper for this subclass that would otherwise answer in its own format. */
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String message = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage()
                : e.getOriginalMessage();
        String path = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? m.getPathReference().replaceAll("[a-zA-Z.$]*\\[\"", "").replace("\"]", ".").replace("[", ".")
                : null;
        return respond(OpenAiError.badRequest("Malformed JSON body: " + message,
                path == null ? null : path.replaceAll("^\\.|\\.$", ""), "invalid_json"));
    }

    @ServerExceptionMapper
    public Response ledger(UsageLedger.LedgerException e) {
        LOG.warn(e.getMessage(), e);
        return respond(OpenAiError.unavailable("Usage ledger unavailable: " + e.getMessage(), "ledger_unavailable"));
    }

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return respond(OpenAiError.badRequest(e.getMessage() == null ? "invalid request" : e.getMessage(), null,
                "invalid_value"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        String message = e.getMessage() == null ? "HTTP " + status : e.getMessage();
        String type = status == 404 ? OpenAiError.NOT_FOUND
                : status < 500 ? OpenAiError.INVALID_REQUEST : OpenAiError.SERVER;
        return respond(new OpenAiError(status, message, type, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return respond(OpenAiError.serverError("Internal error: " + e.getClass().getSimpleName()));
    }

    static Response respond(OpenAiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error.toJson()).build();
    }
}
