package io.modelshift.api.records;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link TrafficBatch} record by record, for the services that ingest the gateway's records: one record that
 * cannot be read is counted and skipped, and never costs the rest of its batch (binding the whole batch at once
 * would refuse all of it). A record repeated within the batch is kept once.
 */
public final class TrafficBatchReader {

    /**
     * Fields it does not know are skipped: during a rolling upgrade a newer gateway sends fields (such as
     * {@code fallbackFrom}) to receivers that predate them, which must still count the records.
     */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param source     the sending gateway, as it named itself
     * @param records    the readable records, each id once
     * @param unreadable records that are not a valid {@link TrafficRecord} (count as rejected)
     * @param repeated   records whose id came earlier in the same batch (count as duplicates)
     */
    public record Read(String source, List<TrafficRecord> records, int unreadable, int repeated) {
    }

    private TrafficBatchReader() {
    }

    /** @throws InvalidRequestException (400, param {@code records}) when the body is not a batch at all */
    public static Read read(JsonNode batch) {
        if (batch == null || !batch.path("records").isArray()) {
            throw new InvalidRequestException(OpenAiError.badRequest(
                    "Body must be a TrafficBatch: {\"source\": ..., \"records\": [...]}", "records", "invalid_batch"));
        }
        List<TrafficRecord> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unreadable = 0;
        int repeated = 0;
        for (JsonNode node : batch.get("records")) {
            TrafficRecord r;
            try {
                r = JSON.treeToValue(node, TrafficRecord.class);
            } catch (Exception e) { // a missing id or time, a wrong type: the record's own fault, not the batch's
                unreadable++;
                continue;
            }
            if (seen.add(r.id())) {
                records.add(r);
            } else {
                repeated++;
            }
        }
        return new Read(batch.path("source").asText(null), records, unreadable, repeated);
    }
}
