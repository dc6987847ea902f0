package io.modelshift.api.records;

import java.util.List;

/**
 * What the gateway posts to an ingest endpoint ({@code POST /v1/traffic}, {@code POST /v1/usage}).
 *
 * @param source  the sending gateway replica, for diagnostics
 * @param records the records; a receiver stores each id once, whatever the order or repetition of batches
 */
public record TrafficBatch(String source, List<TrafficRecord> records) {

    public TrafficBatch {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
