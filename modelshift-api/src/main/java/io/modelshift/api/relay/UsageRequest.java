package io.modelshift.api.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.api.openai.InvalidRequestException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites a request body before it goes upstream: sets the model name the upstream serves and, for streams, asks
 * for the final usage chunk ({@code stream_options.include_usage}) so that tokens are counted even when the client
 * did not ask. {@link SseStreamTap} removes that chunk again on the way back when the client did not ask for it.
 * Every other field, known or not, is kept as sent.
 *
 * <p>The common case (a string {@code model}, no {@code stream_options} yet) is a byte splice found with one
 * streaming pass, not a tree parse and re-serialisation: this runs on every relayed request. Anything else
 * (stream_options to merge into, a non-string or repeated model) takes the tree path.
 */
public final class UsageRequest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] STREAM_OPTIONS = "\"stream_options\":{\"include_usage\":true}"
            .getBytes(StandardCharsets.US_ASCII);

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
        byte[] spliced = splice(body, upstreamModel, forceUsage);
        return spliced != null ? spliced : rewriteTree(body, upstreamModel, forceUsage);
    }

    /** The spliced body, or null when the tree path must decide (it also raises the errors). */
    private static byte[] splice(byte[] body, String upstreamModel, boolean forceUsage) {
        int modelStart = -1;
        int modelEnd = -1;
        int close;
        boolean empty = true;
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                empty = false;
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (upstreamModel != null && "model".equals(name)) {
                    if (value != JsonToken.VALUE_STRING || modelStart >= 0) {
                        return null;
                    }
                    modelStart = (int) p.currentTokenLocation().getByteOffset();
                    p.getText(); // completes the string, so the location below is just past its closing quote
                    modelEnd = (int) p.currentLocation().getByteOffset();
                } else if (forceUsage && "stream_options".equals(name)) {
                    return null;
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return null;
            }
            close = (int) p.currentTokenLocation().getByteOffset();
        } catch (IOException e) {
            return null;
        }
        if (close < 0 || upstreamModel != null && modelStart < 0 || modelStart >= 0 && body[modelStart] != '"'
                || modelEnd > 0 && body[modelEnd - 1] != '"' || body[close] != '}') {
            return null; // no model to replace (the tree path adds one), or offsets not where expected
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int from = 0;
        if (modelStart >= 0) {
            out.write(body, 0, modelStart);
            out.write('"');
            out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(upstreamModel));
            out.write('"');
            from = modelEnd;
        }
        if (forceUsage) {
            out.write(body, from, close - from);
            if (!empty) {
                out.write(',');
            }
            out.writeBytes(STREAM_OPTIONS);
            from = close;
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    private static byte[] rewriteTree(byte[] body, String upstreamModel, boolean forceUsage) {
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
