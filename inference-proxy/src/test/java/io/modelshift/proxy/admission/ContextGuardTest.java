package io.modelshift.proxy.admission;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.openai.RequestPeek;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextGuardTest {

    private final ContextGuard guard = new ContextGuard(Map.of("llama-2-70b", 4096), OptionalInt.of(8192), 4.0);

    private static RequestPeek peek(String model, int promptChars, Integer maxTokens) {
        String json = "{\"model\":\"" + model + "\",\"prompt\":\"" + "a".repeat(promptChars) + "\""
                + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens) + "}";
        return RequestPeek.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void perModelLimitWithDefaultForOthers() {
        assertEquals(4096, guard.limitFor("llama-2-70b"));
        assertEquals(8192, guard.limitFor("llama-3-70b"));
        assertNull(guard.check(peek("llama-2-70b", 4000 * 4, 96)));
        OpenAiError e = guard.check(peek("llama-2-70b", 4000 * 4, 97));
        assertEquals(400, e.status());
        assertEquals("context_length_exceeded", e.code());
        assertEquals("max_tokens", e.param());
        assertTrue(e.message().contains("4096"), e.message());
        assertNull(guard.check(peek("llama-3-70b", 4000 * 4, 97)));
    }

    @Test
    void promptAloneTooLongBlamesTheMessages() {
        OpenAiError e = guard.check(peek("llama-2-70b", 5000 * 4, null));
        assertEquals("messages", e.param());
    }

    @Test
    void unguardedWithoutAnyLimit() {
        ContextGuard none = new ContextGuard(Map.of(), OptionalInt.empty(), 4.0);
        assertNull(none.check(peek("x", 1_000_000, 1_000_000)));
    }
}
