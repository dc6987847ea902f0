package io.modelshift.simulator.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes vLLM's response objects ({@code chat.completion}, {@code text_completion} and their stream chunks) with a
 * streaming generator: these are on the hot path of every token.
 */
final class ResponseJson {

    private static final JsonFactory JSON = new JsonFactory();

    /** Identity shared by every object of one response. */
    record Header(boolean chat, String id, long created, String model) {
    }

    /** Token counts of a response. */
    record Usage(int prompt, int completion) {
    }

    /** One finished choice of a non-streaming response. */
    record Choice(String text, String finishReason, String stopReason) {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private ResponseJson() {
    }

    static Buffer complete(Header h, List<Choice> choices, Usage usage) {
        return write(g -> {
            start(g, h, h.chat() ? "chat.completion" : "text_completion");
            g.writeArrayFieldStart("choices");
            for (int i = 0; i < choices.size(); i++) {
                Choice c = choices.get(i);
                g.writeStartObject();
                g.writeNumberField("index", i);
                if (h.chat()) {
                    g.writeObjectFieldStart("message");
                    g.writeStringField("role", "assistant");
                    g.writeStringField("content", c.text());
                    g.writeNullField("refusal");
                    g.writeArrayFieldStart("tool_calls");
                    g.writeEndArray();
                    g.writeNullField("reasoning_content");
                    g.writeEndObject();
                } else {
                    g.writeStringField("text", c.text());
                }
                g.writeNullField("logprobs");
                g.writeStringField("finish_reason", c.finishReason());
                stopReason(g, c.stopReason());
                g.writeEndObject();
            }
            g.writeEndArray();
            usage(g, usage);
            g.writeNullField("prompt_logprobs");
            g.writeEndObject();
        });
    }

    /**
     * One SSE frame with one choice's delta.
     *
     * @param role         chat only: send {@code delta.role} (the first chunk of a choice)
     * @param finishReason null while the choice runs
     * @param usage        null unless continuous usage stats were asked for
     */
    static Buffer chunk(Header h, int index, boolean role, String text, String finishReason, String stopReason,
                        Usage usage) {
        return frame(g -> {
            start(g, h, h.chat() ? "chat.completion.chunk" : "text_completion");
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", index);
            if (h.chat()) {
                g.writeObjectFieldStart("delta");
                if (role) {
                    g.writeStringField("role", "assistant");
                }
                g.writeStringField("content", text);
                g.writeEndObject();
            } else {
                g.writeStringField("text", text);
            }
            g.writeNullField("logprobs");
            if (finishReason == null) {
                g.writeNullField("finish_reason");
            } else {
                g.writeStringField("finish_reason", finishReason);
                stopReason(g, stopReason);
            }
            g.writeEndObject();
            g.writeEndArray();
            if (usage != null) {
                usage(g, usage);
            }
            g.writeEndObject();
        });
    }

    /** The final usage chunk of {@code stream_options.include_usage}: empty {@code choices}. */
    static Buffer usageChunk(Header h, Usage usage) {
        return frame(g -> {
            start(g, h, h.chat() ? "chat.completion.chunk" : "text_completion");
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            usage(g, usage);
            g.writeEndObject();
        });
    }

    private static void start(JsonGenerator g, Header h, String object) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", h.id());
        g.writeStringField("object", object);
        g.writeNumberField("created", h.created());
        g.writeStringField("model", h.model());
    }

    private static void stopReason(JsonGenerator g, String stopReason) throws IOException {
        if (stopReason == null) {
            g.writeNullField("stop_reason");
        } else {
            g.writeStringField("stop_reason", stopReason);
        }
    }

    private static void usage(JsonGenerator g, Usage u) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.prompt());
        g.writeNumberField("total_tokens", u.prompt() + u.completion());
        g.writeNumberField("completion_tokens", u.completion());
        g.writeNullField("prompt_tokens_details");
        g.writeEndObject();
    }

    private static Buffer frame(Body body) {
        Buffer b = Buffer.buffer(256).appendString("data: ");
        return b.appendBuffer(write(body)).appendString("\n\n");
    }

    private static Buffer write(Body body) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512);
             JsonGenerator g = JSON.createGenerator(bytes)) {
            body.write(g);
            g.flush();
            return Buffer.buffer(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a response object", e);
        }
    }
}
