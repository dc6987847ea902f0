package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiShapeTest {

    static SimulatedVllm pod;
    static PodClient client;

    @BeforeAll
    static void start() {
        pod = SimulatedVllm.start(SimulatorConfig.defaults().withPodName("pod-a").withModel("m-1"));
        client = new PodClient(pod);
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    @Test
    void chatCompletionHasVllmShapeFieldByField() throws Exception {
        HttpResponse<String> r = client.post("/v1/chat/completions",
                "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about trees.\"}],"
                        + "\"max_tokens\":50}");
        assertEquals(200, r.statusCode());
        assertEquals("pod-a", r.headers().firstValue("x-inference-pod").orElse(null));
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode j = PodClient.json(r.body());
        assertTrue(j.get("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", j.get("object").asText());
        assertTrue(j.get("created").asLong() > 1_600_000_000L);
        assertEquals("m-1", j.get("model").asText());
        assertEquals(1, j.get("choices").size());
        JsonNode choice = j.get("choices").get(0);
        assertEquals(0, choice.get("index").asInt());
        assertEquals("assistant", choice.get("message").get("role").asText());
        String content = choice.get("message").get("content").asText();
        assertFalse(content.isBlank());
        assertTrue(choice.get("message").get("tool_calls").isArray());
        assertTrue(choice.has("logprobs") && choice.get("logprobs").isNull());
        String finish = choice.get("finish_reason").asText();
        assertTrue(finish.equals("stop") || finish.equals("length"), finish);
        assertTrue(choice.has("stop_reason"));
        JsonNode usage = j.get("usage");
        int prompt = usage.get("prompt_tokens").asInt();
        int completion = usage.get("completion_tokens").asInt();
        assertTrue(prompt > 5, "prompt tokens include the chat template: " + prompt);
        assertTrue(completion >= 1 && completion <= 50);
        assertEquals(prompt + completion, usage.get("total_tokens").asInt());
    }

    @Test
    void textCompletionHasVllmShape() throws Exception {
        HttpResponse<String> r = client.post("/v1/completions",
                "{\"model\":\"m-1\",\"prompt\":\"Once upon a time\",\"max_tokens\":5,\"ignore_eos\":true}");
        assertEquals(200, r.statusCode());
        JsonNode j = PodClient.json(r.body());
        assertTrue(j.get("id").asText().startsWith("cmpl-"));
        assertEquals("text_completion", j.get("object").asText());
        JsonNode choice = j.get("choices").get(0);
        assertFalse(choice.get("text").asText().isEmpty());
        assertEquals("length", choice.get("finish_reason").asText());
        assertEquals(5, j.get("usage").get("completion_tokens").asInt());
        assertEquals(4, j.get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void modelIsOptionalAsInVllm() throws Exception {
        HttpResponse<String> r = client.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}");
        assertEquals(200, r.statusCode());
        assertEquals("m-1", PodClient.json(r.body()).get("model").asText());
    }

    @Test
    void modelsListsTheServedModel() throws Exception {
        HttpResponse<String> r = client.get("/v1/models");
        assertEquals(200, r.statusCode());
        assertEquals("pod-a", r.headers().firstValue("x-inference-pod").orElse(null));
        JsonNode j = PodClient.json(r.body());
        assertEquals("list", j.get("object").asText());
        JsonNode card = j.get("data").get(0);
        assertEquals("m-1", card.get("id").asText());
        assertEquals("model", card.get("object").asText());
        assertEquals("vllm", card.get("owned_by").asText());
        assertEquals("m-1", card.get("root").asText());
        assertTrue(card.get("parent").isNull());
        assertEquals(4096, card.get("max_model_len").asInt());
        assertEquals("model_permission", card.get("permission").get(0).get("object").asText());
    }

    @Test
    void healthVersionAndHeaders() throws Exception {
        HttpResponse<String> health = client.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("pod-a", health.headers().firstValue("x-inference-pod").orElse(null));
        HttpResponse<String> version = client.get("/version");
        assertEquals(200, version.statusCode());
        assertNotNull(PodClient.json(version.body()).get("version").asText());
        HttpResponse<String> unknown = client.get("/nope");
        assertEquals(404, unknown.statusCode());
        assertEquals("pod-a", unknown.headers().firstValue("x-inference-pod").orElse(null));
        assertEquals(405, client.get("/v1/chat/completions").statusCode());
    }
}
