package io.modelshift.cost.chargeback;

import io.modelshift.api.openai.InvalidRequestException;

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
    private final io.modelshift.cost.pricebook.PriceBookStore prices;
    private final ModelUnitCosts modelCosts;
    private final Clock clock;

    public ChargebackResource(ChargebackService chargeback, BudgetBoard budgets,
                              io.modelshift.cost.pricebook.PriceBookStore prices, ModelUnitCosts modelCosts,
                              Clock clock) {
        this.chargeback = chargeback;
        this.budgets = budgets;
        this.prices = prices;
        this.modelCosts = modelCosts;
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

    /** Measured load per variant: mean and busiest-minute tokens/s, throughput- and time-based utilisation. */
    @GET
    @Path("/utilisation")
    public List<MeasuredUtilisation> utilisation(@QueryParam("month") String month, @QueryParam("from") String from,
                                                 @QueryParam("to") String to) {
        return chargeback.utilisation(Period.parse(month, from, to, clock));
    }

    /** Every priced API at a token mix, and each configured deployment over a period. */
    public record UnitCosts(double inputShare, List<ApiUnitCost> apis, List<DeploymentUnitCost> deployments) {
    }

    public record ApiUnitCost(String model, String provider, double inputPerMillion, double outputPerMillion,
                              double blendedPerMillion, String source, java.time.LocalDate asOf) {
    }

    /** {@code GET /v1/unit-costs?inputShare=0.5&month=YYYY-MM}: cost per 1M input/output/blended tokens. */
    @GET
    @Path("/unit-costs")
    public UnitCosts unitCosts(@QueryParam("inputShare") Double inputShare, @QueryParam("month") String month,
                               @QueryParam("from") String from, @QueryParam("to") String to) {
        double share = inputShare == null ? 0.5 : inputShare;
        if (!(share >= 0 && share <= 1)) {
            throw InvalidRequestException.badRequest("inputShare must be between 0 and 1, got " + share,
                    "inputShare", "invalid_value");
        }
        List<ApiUnitCost> apis = prices.current().entries().values().stream()
                .map(e -> new ApiUnitCost(e.model(), e.provider(), e.inputPerMillion(), e.outputPerMillion(),
                        share * e.inputPerMillion() + (1 - share) * e.outputPerMillion(), e.source(), e.asOf()))
                .toList();
        Period period = Period.parse(month, from, to, clock);
        ChargebackReport report = chargeback.report(period, IdleSharing.NONE);
        return new UnitCosts(share, apis, chargeback.unitCosts(report, period));
    }

    /**
     * {@code GET /v1/unit-costs/models/{model}?from=&to=} (or {@code since=}): what one model costs us per 1M tokens
     * over a window (default: the current month to now), with how it was computed and the sample size.
     */
    @GET
    @Path("/unit-costs/models/{model: .+}")
    public io.modelshift.api.cost.ModelUnitCost modelUnitCost(@jakarta.ws.rs.PathParam("model") String model,
                                                             @QueryParam("from") String from,
                                                             @QueryParam("since") String since,
                                                             @QueryParam("to") String to,
                                                             @QueryParam("inputShare") Double inputShare) {
        if (from != null && since != null && !from.equals(since)) {
            throw InvalidRequestException.badRequest("give from or since, not both", "since",
                    "invalid_period");
        }
        return modelCosts.of(model, Period.parse(null, from != null ? from : since, to, clock), inputShare);
    }

    @GET
    @Path("/budgets")
    public List<BudgetState> budgets() {
        return budgets.refresh();
    }
}
