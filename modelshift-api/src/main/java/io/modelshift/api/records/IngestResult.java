package io.modelshift.api.records;

/**
 * An ingest endpoint's answer to a {@link TrafficBatch}.
 *
 * @param accepted   records stored now
 * @param duplicates records whose id was already stored, ignored
 * @param rejected   records refused as invalid
 */
public record IngestResult(int accepted, int duplicates, int rejected) {
}
