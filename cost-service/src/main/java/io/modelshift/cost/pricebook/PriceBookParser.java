package io.modelshift.cost.pricebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.openai.InvalidRequestException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a price book in LiteLLM's model price map format, so that LiteLLM's public
 * {@code model_prices_and_context_window.json} imports as is: the {@code sample_spec} entry and every field this
 * service does not use are ignored, and entries without per-token prices (images, audio) are listed as skipped.
 * Entries without both token prices are listed in {@link PriceBook#skipped()} with the reason, and a lookup of one
 * says so. Two additions of ours are read when present: per-entry {@code source}, {@code as_of} (YYYY-MM-DD) and
 * {@code aliases} (served names that map to the entry).
 *
 * <p>The whole file is checked before anything is returned: one bad entry rejects the book, so a half-valid book
 * never replaces a good one.
 */
public final class PriceBookParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PriceBookParser() {
    }

    public static PriceBook parse(String json, String origin) {
        JsonNode root = object(json, origin, "a JSON object keyed by model name");
        Map<String, PriceEntry> entries = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        Map<String, String> skipped = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode node = field.getValue();
            if ("sample_spec".equals(key)) {
                continue;
            }
            if (!node.isObject()) {
                throw malformed("entry '" + key + "' must be an object", origin);
            }
            boolean hasIn = node.hasNonNull("input_cost_per_token");
            boolean hasOut = node.hasNonNull("output_cost_per_token");
            // LiteLLM's own file has image, audio and embedding entries priced otherwise: listed, not refused
            if (!hasIn || !hasOut) {
                skipped.put(key, "missing " + (hasIn ? "output_cost_per_token" : hasOut ? "input_cost_per_token"
                        : "input_cost_per_token and output_cost_per_token"));
                continue;
            }
            PriceEntry entry;
            try {
                entry = new PriceEntry(key, text(node, "litellm_provider"),
                        number(node, "input_cost_per_token", key, origin),
                        number(node, "output_cost_per_token", key, origin),
                        node.hasNonNull("cache_read_input_token_cost")
                                ? number(node, "cache_read_input_token_cost", key, origin) : null,
                        node.hasNonNull("max_input_tokens") && node.get("max_input_tokens").canConvertToLong()
                                ? node.get("max_input_tokens").asLong() : null,
                        text(node, "source"), date(node, key, origin));
            } catch (IllegalArgumentException e) {
                throw malformed(e.getMessage(), origin);
            }
            entries.put(key, entry);
            JsonNode served = node.get("aliases");
            if (served != null && served.isArray()) {
                served.forEach(a -> aliases.put(a.asText(), key));
            }
        }
        if (entries.isEmpty()) {
            throw malformed("has no entry with input_cost_per_token and output_cost_per_token", origin);
        }
        return new PriceBook(origin, entries, aliases, skipped);
    }

    /** Adds aliases (served name to entry key) from a JSON object; every target must exist. */
    public static PriceBook withAliases(PriceBook book, String json, String origin) {
        JsonNode root = object(json, origin, "a JSON object {\"served name\": \"price book key\"}");
        Map<String, String> aliases = new HashMap<>(book.aliases());
        root.fields().forEachRemaining(f -> aliases.put(f.getKey(), f.getValue().asText()));
        try {
            return new PriceBook(book.origin() + " + " + origin, book.entries(), aliases, book.skipped());
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage(), origin);
        }
    }

    private static JsonNode object(String json, String origin, String shape) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("is not valid JSON (" + e.getOriginalMessage() + ")", origin);
        }
        if (root == null || !root.isObject()) {
            throw malformed("must be " + shape, origin);
        }
        return root;
    }

    private static double number(JsonNode node, String field, String key, String origin) {
        JsonNode value = node.get(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {             // some copies of the map quote their numbers: "0.0000015"
            try {
                return new java.math.BigDecimal(value.asText().trim()).doubleValue();
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw malformed("entry '" + key + "': " + field + " must be a number, got " + value, origin);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static LocalDate date(JsonNode node, String key, String origin) {
        String value = text(node, "as_of");
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed("entry '" + key + "': as_of must be a date YYYY-MM-DD, got '" + value + "'", origin);
        }
    }

    private static InvalidRequestException malformed(String why, String origin) {
        return InvalidRequestException.badRequest("Malformed price book " + origin + ": " + why, "pricebook",
                "invalid_price_book");
    }
}
