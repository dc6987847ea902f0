package io.modelshift.cost.chargeback;

import io.modelshift.cost.usage.Period;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.List;

/** {@code GET /v1/chargeback}: cost per tenant, route and variant for a period; {@code GET /v1/budgets}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChargebackResource {

    private final ChargebackService chargeback;
    private final BudgetBoard budgets;
    private final Clock clock;

    public ChargebackResource(ChargebackService chargeback, BudgetBoard budgets, Clock clock) {
        this.chargeback = chargeback;
        this.budgets = budgets;
        this.clock = clock;
    }

    public record Answer(ChargebackReport report, String groupBy, List<ChargeLine> groups) {
    }

    @GET
    @Path("/chargeback")
    public Answer chargeback(@QueryParam("month") String month, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("idle") String idle,
                             @QueryParam("groupBy") String groupBy) {
        Period period = Period.parse(month, from, to, clock);
        IdleSharing sharing = IdleSharing.parse(idle, IdleSharing.parse(chargeback.config().idleSharing(),
                IdleSharing.WEIGHTED));
        ChargebackReport report = chargeback.report(period, sharing);
        String by = groupBy == null || groupBy.isBlank() ? "tenant" : groupBy;
        return new Answer(report, by, report.groupBy(by));
    }

    @GET
    @Path("/budgets")
    public List<BudgetState> budgets() {
        return budgets.refresh();
    }
}
