package io.modelshift.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.api.openai.InvalidRequestException;

import java.io.IOException;

/**
 * Rewrites a request body before it goes upstream: sets the model name the upstream serves and, for streams, asks
 * for the final usage chunk ({@code stream_options.include_usage}) so that tokens are counted even when the client
 * did not ask. {@link SseStreamTap} removes that chunk again on the way back when the client did not ask for it.
 * Every other field, known or not, is kept as sent.
 */
public final class UsageRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageRequest() {
    }

    /**
     * @param body          the client's JSON body
     * @param upstreamModel the model name to write, or null to keep the client's
     * @param forceUsage    whether to set {@code stream_options.include_usage=true}
     */
    public static byte[] rewrite(byte[] body, String upstreamModel, boolean forceUsage) {
        if (upstreamModel == null && !forceUsage) {
            return body;
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (!(tree instanceof ObjectNode object)) {
                throw InvalidRequestException.badRequest("The request body must be a JSON object.", null);
            }
            if (upstreamModel != null) {
                object.put("model", upstreamModel);
            }
            if (forceUsage) {
                JsonNode options = object.get("stream_options");
                ObjectNode streamOptions = options instanceof ObjectNode o ? o : object.putObject("stream_options");
                streamOptions.put("include_usage", true);
            }
            return JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("The request body is not valid JSON.", null);
        }
    }
}
