package io.modelshift.api.openai;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPeekTest {

    private static RequestPeek peek(String json) {
        return RequestPeek.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsRoutingFieldsAndSkipsTheRest() {
        RequestPeek p = peek("""
                {"messages":[{"role":"user","content":"hello"}],"tools":[{"x":{"y":[1,2]}}],
                 "model":"llama-70b","stream":true,"stream_options":{"include_usage":true,"other":1},
                 "user":"u-1","max_tokens":64,"n":2,"top_k":40}""");
        assertEquals("llama-70b", p.model());
        assertTrue(p.stream());
        assertTrue(p.includeUsage());
        assertEquals("u-1", p.user());
        assertEquals(64, p.maxTokens());
        assertEquals(2, p.n());
        assertEquals("user".length() + "hello".length(), p.promptChars());
        assertTrue(p.hasPrompt());
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() {
        assertEquals(10, peek("{\"max_completion_tokens\":10,\"max_tokens\":99}").maxTokens());
        assertEquals(10, peek("{\"max_tokens\":99,\"max_completion_tokens\":10}").maxTokens());
    }

    @Test
    void defaultsWhenFieldsAreAbsent() {
        RequestPeek p = peek("{\"prompt\":[\"ab\",\"cde\"]}");
        assertNull(p.model());
        assertFalse(p.stream());
        assertFalse(p.includeUsage());
        assertNull(p.maxTokens());
        assertEquals(1, p.n());
        assertEquals(3, p.promptChars(), "a batch of prompts: the longest, as vLLM checks each on its own");
    }

    @Test
    void imagesAndAudioAreNotCountedAsText() {
        String image = "data:image/png;base64," + "A".repeat(300_000);
        RequestPeek p = peek("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},
                  {"type":"image_url","image_url":{"url":"%s"}},
                  {"type":"input_audio","input_audio":{"data":"%s","format":"wav"}}]}]}"""
                .formatted(image, "B".repeat(100_000)));
        // role, the text, the part types and the audio format: not the 400,000 characters of media
        assertEquals("user".length() + "text".length() + "what is this?".length() + "image_url".length()
                + "input_audio".length() + "wav".length(), p.promptChars());
    }

    @Test
    void aBatchOfEmbeddingInputsCountsItsLongestInput() {
        RequestPeek p = peek("{\"model\":\"e5\",\"input\":[\"" + "a".repeat(1000) + "\",\"" + "b".repeat(3000)
                + "\",\"c\"]}");
        assertEquals(3000, p.promptChars());
        assertEquals(7, peek("{\"input\":\"a chunk\"}").promptChars());
        assertEquals(0, peek("{\"prompt\":[[1,2,3],[4,5]]}").promptChars(), "token ids are not text");
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        for (String bad : new String[] {"", "[]", "{\"model\":", "{\"model\":\"a\"} trailing", "not json"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> peek(bad), bad);
            assertEquals(400, e.error().status());
            assertEquals(OpenAiError.INVALID_REQUEST, e.error().type());
        }
    }

    @Test
    void rejectsWrongTypesNamingTheField() {
        assertEquals("model", assertThrows(InvalidRequestException.class, () -> peek("{\"model\":3}")).error().param());
        assertEquals("max_tokens",
                assertThrows(InvalidRequestException.class, () -> peek("{\"max_tokens\":\"x\"}")).error().param());
        assertEquals("max_tokens",
                assertThrows(InvalidRequestException.class, () -> peek("{\"max_tokens\":1.5}")).error().param());
        assertEquals("stream",
                assertThrows(InvalidRequestException.class, () -> peek("{\"stream\":\"yes\"}")).error().param());
    }
}
