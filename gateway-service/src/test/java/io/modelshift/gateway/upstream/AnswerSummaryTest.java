package io.modelshift.gateway.upstream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerSummaryTest {

    private static AnswerSummary of(String json) {
        return AnswerSummary.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUsageAndTheFirstFinishReasonWhereverTheyAre() {
        assertEquals(new AnswerSummary(12, 7, "length"), of("""
                {"id":"x","choices":[{"index":0,"message":{"content":"\\"usage\\": {\\"prompt_tokens\\": 99}",
                "tool_calls":[{"a":[1,{"finish_reason":"no"}]}]},"finish_reason":"length"},
                {"index":1,"finish_reason":"stop"}],
                "usage":{"prompt_tokens":12,"total_tokens":19,"completion_tokens":7,"details":{"x":1}}}"""));
        assertEquals(new AnswerSummary(3, 4, "stop"), of("""
                {"usage":{"prompt_tokens":3,"completion_tokens":4},"choices":[{"finish_reason":"stop"}]}"""));
    }

    @Test
    void missingPartsAreUnknownAsBefore() {
        assertEquals(new AnswerSummary(5, 0, null), of("{\"data\":[],\"usage\":{\"prompt_tokens\":5}}"));
        assertEquals(new AnswerSummary(-1, -1, null), of("{\"choices\":[{\"finish_reason\":null}]}"));
        assertEquals(AnswerSummary.UNKNOWN, of("not json"));
        assertEquals(AnswerSummary.UNKNOWN, of("[1,2]"));
        assertEquals(AnswerSummary.UNKNOWN, of("{\"usage\":{\"prompt_tokens\":1"));
    }
}
