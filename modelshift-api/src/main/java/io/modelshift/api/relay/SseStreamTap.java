package io.modelshift.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Watches an OpenAI-style SSE response as it is relayed, event by event, without holding more than one incomplete
 * event: it counts usage, notes the finish reason, spots {@code data: {"error":...}} frames and {@code [DONE]}, and
 * drops the usage-only chunk when the relay asked upstream for usage on the client's behalf.
 *
 * <p>Not thread-safe: one tap per response, fed from its event loop. Each {@link #feed} returns the bytes to write
 * to the client now; in the common case (whole events, nothing dropped) that is the chunk itself, uncopied.
 */
public final class SseStreamTap {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] USAGE_KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINISH_KEY = "\"finish_reason\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    private final boolean stripUsageChunk;
    private Buffer pending;
    private long promptTokens = -1;
    private long completionTokens = -1;
    private String finishReason;
    private String errorFrame;
    private boolean done;
    private int events;

    /** @param stripUsageChunk drop the final usage-only chunk (the client did not ask for it) */
    public SseStreamTap(boolean stripUsageChunk) {
        this.stripUsageChunk = stripUsageChunk;
    }

    /** Takes the next chunk from upstream and returns what to forward to the client (possibly empty). */
    public Buffer feed(Buffer chunk) {
        Buffer data = pending == null ? chunk : pending.appendBuffer(chunk);
        pending = null;
        byte[] bytes = data.getBytes();
        Buffer out = null;
        int start = 0;
        int end;
        while ((end = eventEnd(bytes, start)) > 0) {
            boolean forward = inspect(bytes, start, end);
            if (!forward && out == null) {
                out = Buffer.buffer(bytes.length).appendBytes(bytes, 0, start);
            } else if (forward && out != null) {
                out.appendBytes(bytes, start, end - start);
            }
            start = end;
        }
        if (start < bytes.length) {
            pending = Buffer.buffer(bytes.length - start).appendBytes(bytes, start, bytes.length - start);
            if (out == null) {
                out = Buffer.buffer(start).appendBytes(bytes, 0, start);
            }
        }
        return out != null ? out : data;
    }

    /** Called when upstream ends: returns a trailing event that had no blank line after it, if it is kept. */
    public Buffer flush() {
        if (pending == null || pending.length() == 0) {
            return Buffer.buffer();
        }
        byte[] bytes = pending.getBytes();
        pending = null;
        return inspect(bytes, 0, bytes.length) ? Buffer.buffer(bytes) : Buffer.buffer();
    }

    public StreamOutcome outcome() {
        return new StreamOutcome(promptTokens, completionTokens, finishReason, errorFrame, done, events);
    }

    /** Index just past the blank line ending the event that starts at {@code from}, or -1 when it is incomplete. */
    static int eventEnd(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') {
                    return i + 2;
                }
                if (b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Looks at one event; returns whether to forward it. */
    private boolean inspect(byte[] b, int start, int end) {
        int payload = dataStart(b, start, end);
        if (payload < 0) {
            return true; // comments, retry: and event: lines pass through untouched
        }
        events++;
        if (startsWith(b, payload, end, DONE)) {
            done = true;
            return true;
        }
        if (b[payload] != '{') {
            return true;
        }
        if (startsWith(b, skipSpace(b, payload + 1, end), end, ERROR_KEY)) {
            errorFrame = new String(b, payload, trimEnd(b, payload, end) - payload, StandardCharsets.UTF_8);
            return true;
        }
        noteFinishReason(b, payload, end);
        int usage = indexOf(b, USAGE_KEY, payload, end);
        if (usage >= 0) {
            int value = skipSpace(b, usage + USAGE_KEY.length, end);
            if (value < end && b[value] == ':' && (value = skipSpace(b, value + 1, end)) < end && b[value] == '{') {
                return readUsage(b, payload, end);
            }
        }
        return true;
    }

    private boolean readUsage(byte[] b, int payload, int end) {
        try {
            JsonNode chunk = JSON.readTree(b, payload, trimEnd(b, payload, end) - payload);
            JsonNode usage = chunk.path("usage");
            promptTokens = usage.path("prompt_tokens").asLong(-1);
            completionTokens = usage.path("completion_tokens").asLong(-1);
            JsonNode choices = chunk.path("choices");
            boolean usageOnly = choices.isArray() && choices.isEmpty();
            return !(usageOnly && stripUsageChunk);
        } catch (IOException e) {
            return true; // not ours to judge: the client gets the bytes upstream sent
        }
    }

    private void noteFinishReason(byte[] b, int from, int end) {
        int key = indexOf(b, FINISH_KEY, from, end);
        while (key >= 0) {
            int v = skipSpace(b, key + FINISH_KEY.length, end);
            if (v < end && b[v] == ':') {
                v = skipSpace(b, v + 1, end);
                if (v < end && b[v] == '"') {
                    int close = v + 1;
                    while (close < end && b[close] != '"') {
                        close++;
                    }
                    finishReason = new String(b, v + 1, close - v - 1, StandardCharsets.US_ASCII);
                }
            }
            key = indexOf(b, FINISH_KEY, key + FINISH_KEY.length, end);
        }
    }

    /** Start of the value of the event's first {@code data:} line, or -1 when it has none. */
    private static int dataStart(byte[] b, int start, int end) {
        int line = start;
        while (line < end) {
            if (end - line >= 5 && b[line] == 'd' && b[line + 1] == 'a' && b[line + 2] == 't' && b[line + 3] == 'a'
                    && b[line + 4] == ':') {
                int v = line + 5;
                return v < end && b[v] == ' ' ? v + 1 : v;
            }
            while (line < end && b[line] != '\n') {
                line++;
            }
            line++;
        }
        return -1;
    }

    private static int trimEnd(byte[] b, int from, int end) {
        int e = end;
        while (e > from && (b[e - 1] == '\n' || b[e - 1] == '\r' || b[e - 1] == ' ')) {
            e--;
        }
        return e;
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, byte[] needle, int from, int end) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
