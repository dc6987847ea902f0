package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareStore;
import io.modelshift.cost.pricebook.PriceBookStore;
import io.modelshift.cost.usage.Period;
import io.modelshift.cost.usage.UsageLedger;
import io.modelshift.cost.usage.UsageLine;
import io.modelshift.api.openai.InvalidRequestException;
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
    private final UsageLedger ledger;
    private final Clock clock;

    public TcoResource(PriceBookStore prices, HardwareStore hardware, UsageLedger ledger, Clock clock) {
        this.prices = prices;
        this.hardware = hardware;
        this.ledger = ledger;
        this.clock = clock;
    }

    @POST
    public ScenarioResult evaluate(Scenario scenario) {
        if (scenario != null && scenario.workload() != null && scenario.workload().measured() != null) {
            scenario = new Scenario(scenario.name(), measure(scenario.workload()), scenario.options(),
                    scenario.months(), scenario.targetUtilisation(), scenario.outputWeight());
        }
        return evaluator().evaluate(scenario);
    }

    /** Tokens, requests, mix and request time from the ledger, scaled from the period to a 730-hour month. */
    Workload measure(Workload w) {
        Workload.Measured m = w.measured();
        Period period = Period.parse(m.month(), m.from(), m.to(), clock);
        long requests = 0;
        long in = 0;
        long out = 0;
        double busy = 0;
        for (UsageLine u : ledger.usage(period.from(), period.to())) {
            // the clients' workload: shadow copies doubled some of their requests, unless one variant is measured
            boolean counts = m.variant() == null ? !UsageLedger.SHADOW.equals(u.tenant()) : m.variant().equals(u.variant());
            if (counts) {
                requests += u.requests();
                in += u.inputTokens();
                out += u.outputTokens();
                busy += u.busySeconds();
            }
        }
        if (requests == 0 || in + out == 0) {
            throw InvalidRequestException.badRequest("No usage with tokens in the ledger for "
                    + (m.variant() == null ? "any variant" : "variant '" + m.variant() + "'") + " from "
                    + period.from() + " to " + period.to(), "workload.measured", "no_usage");
        }
        double scale = TimeBase.SECONDS_PER_MONTH / period.seconds();
        return w.measuredAs((in + out) * scale, requests * scale, (double) in / (in + out), busy / requests,
                OnPremCost.f("measured: ledger%s %s to %s, %d requests, %d input + %d output tokens, × %.4f to a "
                        + "730-hour month", m.variant() == null ? "" : " variant " + m.variant(), period.from(),
                        period.to(), requests, in, out, scale));
    }

    public ScenarioEvaluator evaluator() {
        return new ScenarioEvaluator(prices.current(), hardware.catalog(), LocalDate.now(clock));
    }
}
