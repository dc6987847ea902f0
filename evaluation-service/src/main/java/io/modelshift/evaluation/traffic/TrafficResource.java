package io.modelshift.evaluation.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.records.IngestResult;
import io.modelshift.api.records.TrafficBatchReader;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.evaluation.judge.ShadowJudging;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/traffic}: the gateways' {@code TrafficBatch}es, idempotent by request id, answered with an
 * {@code IngestResult}; a record that cannot be read is counted as rejected, the others are still stored.
 * {@code GET /v1/traffic/metrics}: live metrics per route, variant and time window.
 */
@Path("/v1/traffic")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficResource {

    private final TrafficStore store;
    private final ShadowJudging judging;

    public TrafficResource(TrafficStore store, ShadowJudging judging) {
        this.store = store;
        this.judging = judging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult ingest(JsonNode batch) {
        TrafficBatchReader.Read read = TrafficBatchReader.read(batch);
        List<TrafficStore.Checked> rows = new ArrayList<>();
        int rejected = read.unreadable();
        int duplicates = read.repeated();
        for (TrafficRecord r : read.records()) {
            if (r.route() == null || r.variant() == null) { // refused before routing: nothing to score
                rejected++;
                continue;
            }
            ContentChecks.Result checks = ContentChecks.check(r.succeeded(), r.promptText(), r.completionText(),
                    r.requestedJson(), r.completionTokens());
            rows.add(new TrafficStore.Checked(r, checks, r.shadowPairId() != null));
        }
        boolean[] inserted = rows.isEmpty() ? new boolean[0] : store.insert(rows);
        int accepted = 0;
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                accepted++;
                String pair = rows.get(i).record().shadowPairId();
                if (pair != null) {
                    judging.offer(pair);
                }
            } else {
                duplicates++;
            }
        }
        return new IngestResult(accepted, duplicates, rejected);
    }

    @GET
    @Path("/metrics")
    public List<LiveMetrics.Window> metrics(@QueryParam("route") String route, @QueryParam("since") String since,
                                            @QueryParam("window") @DefaultValue("PT5M") String window) {
        Duration size = duration(window);
        return LiveMetrics.of(store.since(route, instant(since, Instant.now().minus(Duration.ofHours(1)))), size);
    }

    /** {@code since} as an ISO instant, or a duration back from now ({@code PT30M}, {@code 30m}, {@code 2h}). */
    public static Instant instant(String since, Instant otherwise) {
        if (since == null || since.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            return Instant.now().minus(duration(since));
        }
    }

    static Duration duration(String text) {
        try {
            String t = text.strip().toUpperCase(java.util.Locale.ROOT);
            Duration d = Duration.parse(t.startsWith("P") ? t : "PT" + t);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.badRequest("'" + text + "' is neither an ISO instant nor a duration "
                    + "such as 30m, 2h or PT5M", "since");
        }
    }
}
