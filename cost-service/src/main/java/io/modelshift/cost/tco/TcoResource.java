package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareStore;
import io.modelshift.cost.pricebook.PriceBookStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.LocalDate;

/** {@code POST /v1/tco/scenarios}: evaluate a scenario against the current price book and hardware catalogue. */
@Path("/v1/tco/scenarios")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TcoResource {

    private final PriceBookStore prices;
    private final HardwareStore hardware;
    private final Clock clock;

    public TcoResource(PriceBookStore prices, HardwareStore hardware, Clock clock) {
        this.prices = prices;
        this.hardware = hardware;
        this.clock = clock;
    }

    @POST
    public ScenarioResult evaluate(Scenario scenario) {
        return evaluator().evaluate(scenario);
    }

    public ScenarioEvaluator evaluator() {
        return new ScenarioEvaluator(prices.current(), hardware.catalog(), LocalDate.now(clock));
    }
}
