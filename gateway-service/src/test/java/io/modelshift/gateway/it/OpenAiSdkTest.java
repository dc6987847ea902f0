package io.modelshift.gateway.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official OpenAI Java SDK, base URL pointed at the gateway, just works: plain, streaming and errors. */
@QuarkusTest
class OpenAiSdkTest {

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey(key).maxRetries(0).build();
    }

    ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").maxCompletionTokens(16)
                .build();
    }

    @Test
    void nonStreaming() {
        ChatCompletion c = client("sk-client").chat().completions().create(params("chat"));
        assertTrue(c.choices().get(0).message().content().orElseThrow().startsWith("Hello from pod-"));
        assertEquals(12, c.usage().orElseThrow().totalTokens());
    }

    @Test
    void streaming() {
        StringBuilder text = new StringBuilder();
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client("sk-client").chat().completions()
                .createStreaming(params("chat"))) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks++;
                assertFalse(chunk.choices().isEmpty(), "the usage chunk the client did not ask for is stripped");
                chunk.choices().get(0).delta().content().ifPresent(text::append);
            }
        }
        assertEquals("tok0 tok1 tok2 ", text.toString());
        assertEquals(4, chunks);
    }

    @Test
    void listsModels() {
        List<String> ids = client("sk-client").models().list().items().stream().map(Model::id).toList();
        assertTrue(ids.contains("chat") && ids.contains("chat-canary"), ids.toString());
    }

    @Test
    void errorsAreTypedBySdk() {
        assertThrows(UnauthorizedException.class, () -> client("sk-nope").chat().completions().create(params("chat")));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client("sk-client").chat().completions().create(params("gpt-9")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
