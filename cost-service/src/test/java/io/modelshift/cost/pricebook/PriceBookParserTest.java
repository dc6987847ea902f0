package io.modelshift.cost.pricebook;

import io.modelshift.api.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceBookParserTest {

    static PriceBook fixture() {
        return PriceBookParser.parse(PriceBookStore.resource("fixtures/litellm-style.json"), "fixture");
    }

    @Test
    void readsLiteLlmFormatIgnoringSampleSpecAndUnknownFields() {
        PriceBook book = fixture();
        assertEquals(2, book.entries().size());
        PriceEntry large = book.entries().get("acme/chat-large");
        assertEquals(3.0, large.inputPerMillion(), 1e-9);
        assertEquals(15.0, large.outputPerMillion(), 1e-9);
        assertEquals(3e-07, large.cacheReadPerToken(), 1e-18);
        assertEquals(200_000L, large.maxInputTokens());
        assertEquals("https://example.invalid/pricing", large.source());
        assertNull(large.asOf());
        assertEquals(LocalDate.of(2026, 1, 15), book.entries().get("acme/chat-small").asOf());
        assertEquals("acme/chat-small", book.find("served/small").orElseThrow().model());
        assertEquals("missing output_cost_per_token", book.skipped().get("text-embedding-3-small"));
        assertTrue(book.skipped().containsKey("256-x-256/dall-e-2"));
    }

    @Test
    void acceptsQuotedNumbersAndSkipsNullPrices() {
        PriceBook book = PriceBookParser.parse("{\"quoted\": {\"input_cost_per_token\": \"0.0000015\", "
                + "\"output_cost_per_token\": \"2.5e-06\"}, \"unpriced\": {\"input_cost_per_token\": null, "
                + "\"output_cost_per_token\": null, \"mode\": \"chat\"}}", "t");
        assertEquals(1.5, book.entries().get("quoted").inputPerMillion(), 1e-12);
        assertEquals(2.5, book.entries().get("quoted").outputPerMillion(), 1e-12);
        assertEquals("missing input_cost_per_token and output_cost_per_token", book.skipped().get("unpriced"));
    }

    @Test
    void billsCachedInputAtTheCacheReadPrice() {
        PriceEntry large = fixture().entries().get("acme/chat-large");
        // 1M input of which 400k cached, 100k output: 600k × $3 + 400k × $0.30 + 100k × $15 (per 1M) = 1.8 + 0.12 + 1.5
        assertEquals(3.42, large.cost(1_000_000, 400_000, 100_000), 1e-9);
    }

    @Test
    void theShippedBookHasSourcesAndDatesOnEveryEntry() {
        PriceBook book = PriceBookParser.parse(PriceBookStore.resource("defaults/pricebook.json"), "default");
        assertTrue(book.entries().size() >= 10);
        book.entries().values().forEach(e -> {
            assertTrue(e.source() != null && !e.source().isBlank(), e.model());
            assertTrue(e.asOf() != null, e.model());
        });
        assertEquals(30.0, book.require("gpt-4", "model", false).inputPerMillion(), 1e-9);
        assertEquals("groq/llama3-70b-8192", book.require("meta-llama/Meta-Llama-3-70B-Instruct", "m", false).model());
    }

    @Test
    void refusesMalformedBooksWithClearErrors() {
        assertError("not json", "is not valid JSON");
        assertError("[1,2]", "must be a JSON object");
        assertError("{\"m\": 5}", "entry 'm' must be an object");
        assertError("{\"m\": {\"input_cost_per_token\": -1e-6, \"output_cost_per_token\": 1e-6}}",
                "input_cost_per_token must be a finite number >= 0");
        assertError("{\"m\": {\"input_cost_per_token\": \"cheap\", \"output_cost_per_token\": 1e-6}}",
                "input_cost_per_token must be a number");
        assertError("{\"m\": {\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 1e-6, \"as_of\": \"May\"}}",
                "as_of must be a date");
        assertError("{\"m\": {\"input_cost_per_token\": 1e-6}}", "has no entry with input_cost_per_token");
    }

    @Test
    void unknownModelsListTheKnownOnes() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> fixture().require("gpt-5", "model", true));
        assertEquals(404, e.error().status());
        assertEquals("Unknown model 'gpt-5'. Known models: acme/chat-large, acme/chat-small, served/small.",
                e.getMessage());
        InvalidRequestException skipped = assertThrows(InvalidRequestException.class,
                () -> fixture().require("text-embedding-3-small", "model", false));
        assertTrue(skipped.getMessage().contains("has no usable per-token price: missing output_cost_per_token"));
    }

    static void assertError(String json, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> PriceBookParser.parse(json, "test"));
        assertEquals(400, e.error().status());
        assertEquals("invalid_price_book", e.error().code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
