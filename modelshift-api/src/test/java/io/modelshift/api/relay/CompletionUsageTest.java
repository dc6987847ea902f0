package io.modelshift.api.relay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CompletionUsageTest {

    private static CompletionUsage read(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return CompletionUsage.read(b, 0, b.length);
    }

    @Test
    void readsUsageAfterChoicesWithNestedUsageLookalikes() {
        CompletionUsage u = read("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"\\\"usage\\\"\","
                + "\"usage\":{\"prompt_tokens\":99}}}],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":19,"
                + "\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":0}}}");
        assertEquals(new CompletionUsage(12, 7), u);
    }

    @Test
    void embeddingsHaveNoCompletionTokens() {
        assertEquals(new CompletionUsage(5, -1), read("{\"data\":[],\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}"));
    }

    @Test
    void absentOrBrokenGivesNone() {
        assertFalse(read("{\"error\":{\"message\":\"x\"}}").present());
        assertFalse(read("[1,2]").present());
        assertFalse(read("{\"usage\":").present());
    }
}
