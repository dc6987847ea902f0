package io.modelshift.api.relay;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseStreamTapTest {

    static final String ROLE = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}\n\n";
    static final String TOKEN = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}\n\n";
    static final String LAST = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n";
    static final String USAGE = "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    @Test
    void passesWholeEventsThroughUncopiedAndCountsUsage() {
        SseStreamTap tap = new SseStreamTap(false);
        Buffer chunk = Buffer.buffer(ROLE + TOKEN);
        assertSame(chunk, tap.feed(chunk));
        assertEquals(LAST + USAGE + DONE, tap.feed(Buffer.buffer(LAST + USAGE + DONE)).toString());
        StreamOutcome o = tap.outcome();
        assertEquals(12, o.promptTokens());
        assertEquals(3, o.completionTokens());
        assertEquals("length", o.finishReason());
        assertTrue(o.complete());
        assertEquals(5, o.events());
    }

    @Test
    void stripsTheUsageChunkWhenTheClientDidNotAskButStillCountsIt() {
        SseStreamTap tap = new SseStreamTap(true);
        String out = tap.feed(Buffer.buffer(TOKEN + LAST + USAGE + DONE)).toString();
        assertEquals(TOKEN + LAST + DONE, out);
        assertEquals(15, tap.outcome().promptTokens() + tap.outcome().completionTokens());
    }

    @Test
    void holdsOnlyTheIncompleteEventAcrossChunkBoundaries() {
        SseStreamTap tap = new SseStreamTap(true);
        String all = ROLE + TOKEN + USAGE + DONE;
        StringBuilder client = new StringBuilder();
        for (int i = 0; i < all.length(); i += 7) {
            client.append(tap.feed(Buffer.buffer(all.substring(i, Math.min(all.length(), i + 7)))));
        }
        client.append(tap.flush());
        assertEquals(ROLE + TOKEN + DONE, client.toString());
        assertEquals(3, tap.outcome().completionTokens());
        assertTrue(tap.outcome().done());
    }

    @Test
    void detectsAnErrorFrameAndAStreamCutWithoutDone() {
        SseStreamTap tap = new SseStreamTap(false);
        String error = "data: {\"error\": {\"message\":\"engine died\",\"type\":\"InternalServerError\",\"code\":500}}\n\n";
        tap.feed(Buffer.buffer(TOKEN + error));
        StreamOutcome o = tap.outcome();
        assertTrue(o.errorFrame().contains("engine died"));
        assertFalse(o.done());
        assertFalse(o.complete());
        assertFalse(o.hasUsage());
    }

    @Test
    void handlesCrLfDelimitersAndComments() {
        SseStreamTap tap = new SseStreamTap(true);
        String in = ": keep-alive\r\n\r\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}\r\n\r\ndata: [DONE]\r\n\r\n";
        assertEquals(": keep-alive\r\n\r\ndata: [DONE]\r\n\r\n", tap.feed(Buffer.buffer(in)).toString());
        assertEquals(2, tap.outcome().completionTokens());
        assertNull(tap.outcome().finishReason());
    }
}
