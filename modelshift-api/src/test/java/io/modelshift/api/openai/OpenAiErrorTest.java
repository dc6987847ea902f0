package io.modelshift.api.openai;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenAiErrorTest {

    @Test
    void writesTheOpenAiEnvelopeWithNullsKept() {
        assertEquals("{\"error\":{\"message\":\"Unknown model 'x'.\",\"type\":\"not_found_error\",\"param\":\"model\","
                        + "\"code\":\"model_not_found\"}}",
                OpenAiError.notFound("Unknown model 'x'.", "model", "model_not_found").toJson());
        assertEquals("{\"error\":{\"message\":\"m\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}",
                new OpenAiError(400, "m", "BadRequestError", null, 400).toJson());
    }

    @Test
    void sseFrameIsOneDataEvent() {
        assertEquals("data: " + OpenAiError.badGateway("boom").toJson() + "\n\n", OpenAiError.badGateway("boom").toSseFrame());
    }

    @Test
    void refusesNonErrorStatusesAndEmptyMessages() {
        assertThrows(IllegalArgumentException.class, () -> new OpenAiError(200, "m", "t", null, null));
        assertThrows(IllegalArgumentException.class, () -> new OpenAiError(500, " ", "t", null, null));
    }
}
