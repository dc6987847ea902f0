package io.modelshift.cost.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.api.records.IngestResult;
import io.modelshift.api.records.TrafficBatchReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.List;

/** The usage ledger over HTTP: the gateway posts its traffic records here. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final UsageLedger ledger;
    private final Clock clock;

    public UsageResource(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Stores a batch; idempotent by record id, one transaction per batch. A record that cannot be read is counted as
     * rejected and the others are still stored.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult ingest(JsonNode batch) {
        TrafficBatchReader.Read read = TrafficBatchReader.read(batch);
        IngestResult stored = ledger.ingest(read.source(), read.records());
        return new IngestResult(stored.accepted(), stored.duplicates() + read.repeated(),
                stored.rejected() + read.unreadable());
    }

    public record Usage(Period period, List<UsageLine> lines) {
    }

    /** Usage per tenant, route and variant; {@code month=YYYY-MM} or {@code from}/{@code to}. */
    @GET
    public Usage usage(@QueryParam("month") String month, @QueryParam("from") String from,
                       @QueryParam("to") String to) {
        Period period = Period.parse(month, from, to, clock);
        return new Usage(period, ledger.usage(period.from(), period.to()));
    }
}
