package io.modelshift.gateway.records;

import io.modelshift.api.records.TrafficRecord;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link io.modelshift.api.records.TrafficBatch} as JSON: the same document Jackson's data binding writes
 * for the record (nulls left out, the time as ISO-8601), written by hand with {@link JsonBytes} into a buffer reused
 * per event loop. A Jackson generator per record, with its ISO time and number formatting, cost about 2 us per
 * request, and the records' share of the gateway's tail was that per-request work, not the shipping of batches
 * ({@code benchmarks/gateway}, session 5).
 *
 * <p>Each record is encoded on its own, when it is offered ({@link #record}); a batch only joins encoded records
 * ({@link #batch}). Encoding 500 records at once took about a millisecond of a core, and the requests that needed
 * that core meanwhile waited for it.
 */
final class RecordJson {

    private static final byte[] SOURCE = name("source");
    private static final byte[] RECORDS = name("records");
    private static final byte[] ID = name("id");
    private static final byte[] TIME = name("time");
    private static final byte[] TENANT = name("tenant");
    private static final byte[] API_KEY_ID = name("apiKeyId");
    private static final byte[] ROUTE = name("route");
    private static final byte[] VARIANT = name("variant");
    private static final byte[] UPSTREAM_MODEL = name("upstreamModel");
    private static final byte[] ENDPOINT = name("endpoint");
    private static final byte[] STREAM = name("stream");
    private static final byte[] STATUS = name("status");
    private static final byte[] ERROR_TYPE = name("errorType");
    private static final byte[] ERROR_CODE = name("errorCode");
    private static final byte[] LATENCY_MS = name("latencyMs");
    private static final byte[] TTFT_MS = name("ttftMs");
    private static final byte[] PROMPT_TOKENS = name("promptTokens");
    private static final byte[] COMPLETION_TOKENS = name("completionTokens");
    private static final byte[] FINISH_REASON = name("finishReason");
    private static final byte[] STICKY_BUCKET = name("stickyBucket");
    private static final byte[] SHADOW_PAIR_ID = name("shadowPairId");
    private static final byte[] SHADOW = name("shadow");
    private static final byte[] FALLBACK = name("fallback");
    private static final byte[] FALLBACK_FROM = name("fallbackFrom");
    private static final byte[] OVERHEAD_MS = name("overheadMs");
    private static final byte[] PROMPT_TEXT = name("promptText");
    private static final byte[] COMPLETION_TEXT = name("completionText");
    private static final byte[] REQUESTED_JSON = name("requestedJson");

    /** Per thread (the event loops): the buffer one record is encoded into, reused. */
    private static final ThreadLocal<JsonBytes> BUFFER = ThreadLocal.withInitial(() -> new JsonBytes(512));
    /** A buffer grown past this by a record with long texts (privacy mode off) is not kept for the next one. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private RecordJson() {
    }

    /** One record as a JSON object. */
    static byte[] record(TrafficRecord r) {
        JsonBytes out = BUFFER.get().reset();
        out.raw('{');
        text(out, ID, r.id());
        out.field(TIME).time(r.time());
        text(out, TENANT, r.tenant());
        text(out, API_KEY_ID, r.apiKeyId());
        text(out, ROUTE, r.route());
        text(out, VARIANT, r.variant());
        text(out, UPSTREAM_MODEL, r.upstreamModel());
        text(out, ENDPOINT, r.endpoint());
        out.field(STREAM).bool(r.stream());
        out.field(STATUS).number(r.status());
        text(out, ERROR_TYPE, r.errorType().name());
        text(out, ERROR_CODE, r.errorCode());
        out.field(LATENCY_MS).number(r.latencyMs());
        out.field(TTFT_MS).number(r.ttftMs());
        out.field(PROMPT_TOKENS).number(r.promptTokens());
        out.field(COMPLETION_TOKENS).number(r.completionTokens());
        text(out, FINISH_REASON, r.finishReason());
        out.field(STICKY_BUCKET).number(r.stickyBucket());
        text(out, SHADOW_PAIR_ID, r.shadowPairId());
        out.field(SHADOW).bool(r.shadow());
        out.field(FALLBACK).bool(r.fallback());
        text(out, FALLBACK_FROM, r.fallbackFrom());
        out.field(OVERHEAD_MS).number(r.overheadMs());
        text(out, PROMPT_TEXT, r.promptText());
        text(out, COMPLETION_TEXT, r.completionText());
        out.field(REQUESTED_JSON).bool(r.requestedJson());
        byte[] json = out.raw('}').toByteArray();
        if (out.capacity() > KEPT_BUFFER_BYTES) {
            BUFFER.remove();
        }
        return json;
    }

    /**
     * A batch document: {@code {"source":..., "records":[...]}} around records encoded by {@link #record}, written
     * once, into the buffer that is posted.
     */
    static Buffer batch(String source, List<byte[]> records) {
        byte[] head = new JsonBytes(64).raw('{').field(SOURCE).string(source).field(RECORDS).raw('[').toByteArray();
        int length = head.length + Math.max(0, records.size() - 1) + 2; // commas, then "]}"
        for (byte[] r : records) {
            length += r.length;
        }
        Buffer out = Buffer.buffer(length).appendBytes(head);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.appendByte((byte) ',');
            }
            out.appendBytes(records.get(i));
        }
        return out.appendByte((byte) ']').appendByte((byte) '}');
    }

    /** A string member, left out when null (as {@code @JsonInclude(NON_NULL)} does). */
    private static void text(JsonBytes out, byte[] name, String value) {
        if (value != null) {
            out.field(name).string(value);
        }
    }

    private static byte[] name(String name) {
        return ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
