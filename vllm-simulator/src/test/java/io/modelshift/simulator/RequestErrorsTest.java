package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestErrorsTest {

    static SimulatedVllm pod;
    static PodClient client;

    @BeforeAll
    static void start() {
        pod = SimulatedVllm.start(SimulatorConfig.defaults().withModel("m-1").withPodName("pod-e"));
        client = new PodClient(pod);
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    private static JsonNode expectError(HttpResponse<String> r, int status, String type, String param)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("pod-e", r.headers().firstValue("x-inference-pod").orElse(null));
        JsonNode e = PodClient.json(r.body()).get("error");
        assertTrue(e.get("message").asText().length() > 5);
        assertEquals(type, e.get("type").asText());
        assertEquals(status, e.get("code").asInt());
        assertTrue(e.get("code").isInt(), "vLLM's code is the numeric status");
        if (param == null) {
            assertTrue(e.get("param").isNull());
        } else {
            assertEquals(param, e.get("param").asText());
        }
        return e;
    }

    @Test
    void malformedJson() throws Exception {
        JsonNode e = expectError(client.post("/v1/chat/completions", "{\"messages\": [", new String[0]), 400,
                "BadRequestError", null);
        assertTrue(e.get("message").asText().contains("JSON"));
        expectError(client.post("/v1/completions", "[1,2]"), 400, "BadRequestError", null);
    }

    @Test
    void missingMessagesOrPrompt() throws Exception {
        expectError(client.post("/v1/chat/completions", "{\"model\":\"m-1\"}"), 400, "BadRequestError", "messages");
        expectError(client.post("/v1/chat/completions", "{\"messages\":[]}"), 400, "BadRequestError", "messages");
        expectError(client.post("/v1/completions", "{\"model\":\"m-1\"}"), 400, "BadRequestError", "prompt");
        expectError(client.post("/v1/completions", "{\"prompt\":{}}"), 400, "BadRequestError", "prompt");
    }

    @Test
    void invalidMaxTokens() throws Exception {
        JsonNode e = expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":0}"), 400,
                "BadRequestError", "max_tokens");
        assertEquals("max_tokens must be at least 1, got 0.", e.get("message").asText());
        expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":\"ten\"}"), 400,
                "BadRequestError", "max_tokens");
        JsonNode tooLong = expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":5000}"),
                400, "BadRequestError", "max_tokens");
        assertTrue(tooLong.get("message").asText().contains("maximum context length is 4096"));
    }

    @Test
    void invalidTemperature() throws Exception {
        JsonNode e = expectError(client.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":-0.5}"), 400,
                "BadRequestError", "temperature");
        assertEquals("temperature must be non-negative, got -0.5.", e.get("message").asText());
        expectError(client.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}"), 400,
                "BadRequestError", "temperature");
    }

    @Test
    void invalidN() throws Exception {
        JsonNode e = expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"n\":0}"), 400,
                "BadRequestError", "n");
        assertEquals("n must be at least 1, got 0.", e.get("message").asText());
    }

    @Test
    void unknownModelIs404() throws Exception {
        JsonNode e = expectError(client.post("/v1/chat/completions",
                "{\"model\":\"llama-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404,
                "NotFoundError", "model");
        assertEquals("The model `llama-9` does not exist.", e.get("message").asText());
    }

    @Test
    void otherSamplingRangesAreChecked() throws Exception {
        expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"top_p\":0}"), 400, "BadRequestError",
                "top_p");
        expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"min_p\":2}"), 400, "BadRequestError",
                "min_p");
        expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"stop\":5}"), 400, "BadRequestError",
                "stop");
        expectError(client.post("/v1/completions", "{\"prompt\":\"hi\",\"stream_options\":{\"include_usage\":true}}"),
                400, "BadRequestError", "stream_options");
    }

    @Test
    void extraVllmParametersAreAccepted() throws Exception {
        HttpResponse<String> r = client.post("/v1/chat/completions",
                "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_k\":40,"
                        + "\"min_p\":0.05,\"repetition_penalty\":1.1,\"seed\":7,\"stop\":[\"zzz\"],"
                        + "\"ignore_eos\":false,\"min_tokens\":1,\"skip_special_tokens\":true,"
                        + "\"guided_json\":null,\"chat_template_kwargs\":{\"a\":1},\"priority\":0,\"logprobs\":false,"
                        + "\"presence_penalty\":0.5,\"frequency_penalty\":0.1,\"top_p\":0.9,\"user\":\"u1\"}");
        assertEquals(200, r.statusCode(), r.body());
    }
}
