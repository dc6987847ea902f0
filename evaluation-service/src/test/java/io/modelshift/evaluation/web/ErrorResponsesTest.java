package io.modelshift.evaluation.web;

import io.modelshift.evaluation.benchmarks.DatasetException;
import io.modelshift.evaluation.sandbox.SandboxUnavailableException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorResponsesTest {

    private final ErrorResponses mapper = new ErrorResponses();

    @Test
    void aMalformedDatasetIsA422InTheOpenAiEnvelope() {
        Response r = mapper.dataset(new DatasetException("Malformed dataset /d/gsm8k/test.jsonl line 2: not JSON"));
        assertEquals(422, r.getStatus());
        String body = (String) r.getEntity();
        assertTrue(body.contains("\"code\":\"dataset_unusable\"") && body.contains("line 2"), body);
        assertTrue(body.contains("\"type\":\"invalid_request_error\""), body);
    }

    @Test
    void noSandboxIsA503WithTheReason() {
        Response r = mapper.sandbox(new SandboxUnavailableException("bubblewrap is not installed"));
        assertEquals(503, r.getStatus());
        assertTrue(((String) r.getEntity()).contains("sandbox_unavailable"));
    }
}
