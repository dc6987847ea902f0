package io.modelshift.cost.chargeback;

import io.modelshift.api.cost.ModelUnitCost;
import io.modelshift.cost.hardware.HardwareProfile;
import io.modelshift.cost.pricebook.PriceBook;
import io.modelshift.cost.pricebook.PriceEntry;
import io.modelshift.cost.pricebook.PriceBookStore;
import io.modelshift.cost.tco.OnPremCost;
import io.modelshift.cost.tco.TimeBase;
import io.modelshift.cost.usage.Period;
import io.modelshift.cost.usage.UsageLedger;
import io.modelshift.cost.usage.UsageLine;
import io.modelshift.api.openai.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

import static io.modelshift.cost.tco.OnPremCost.f;

/**
 * What one model costs us per 1M tokens over a window, for the rollout's cost gate: a model served by a configured
 * deployment costs its amortised cost over the window divided by the tokens the ledger says it served (shadow copies
 * included: the GPUs served them too); any other model costs its list price from the price book.
 */
@ApplicationScoped
public class ModelUnitCosts {

    private final ChargebackService chargeback;
    private final UsageLedger ledger;
    private final PriceBookStore prices;

    public ModelUnitCosts(ChargebackService chargeback, UsageLedger ledger, PriceBookStore prices) {
        this.chargeback = chargeback;
        this.ledger = ledger;
        this.prices = prices;
    }

    /** Tokens a model served in a window, summed over the ledger lines that name it. */
    private record Served(long requests, long input, long output) {

        long tokens() {
            return input + output;
        }
    }

    /**
     * @param inputShare for an API model: the input share to blend its prices at; null = the window's measured mix
     *                   (0.5 without usage)
     */
    public ModelUnitCost of(String model, Period period, Double inputShare) {
        if (inputShare != null && !(inputShare >= 0 && inputShare <= 1)) {
            throw InvalidRequestException.badRequest("inputShare must be between 0 and 1, got " + inputShare, "inputShare",
                    "invalid_value");
        }
        Optional<String> deployment = deploymentOf(model);
        if (deployment.isPresent()) {
            return selfHosted(model, deployment.get(), period);
        }
        PriceBook book = prices.current();
        PriceEntry price = book.find(model).orElseThrow(() -> InvalidRequestException.notFound("Unknown model '" + model
                + "': no configured deployment (cost.deployments.<variant>, or its .model) and no price book entry",
                "model", "model_not_found"));
        return api(model, price, period, inputShare);
    }

    /** The deployment keyed by the model's name, or the one whose {@code model} is it. */
    private Optional<String> deploymentOf(String model) {
        Map<String, DeploymentsConfig.Deployment> all = chargeback.config().deployments();
        if (all.containsKey(model)) {
            return Optional.of(model);
        }
        return all.entrySet().stream().filter(e -> e.getValue().model().filter(model::equals).isPresent())
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    private Served served(Period period, String... names) {
        long requests = 0;
        long in = 0;
        long out = 0;
        for (UsageLine u : ledger.usage(period.from(), period.to())) {
            for (String name : names) {
                if (name.equals(u.variant()) || name.equals(u.upstreamModel())) {
                    requests += u.requests();
                    in += u.inputTokens();
                    out += u.outputTokens();
                    break;
                }
            }
        }
        return new Served(requests, in, out);
    }

    private ModelUnitCost selfHosted(String model, String deployment, Period period) {
        HardwareProfile p = chargeback.deployments().get(deployment);
        DeploymentsConfig.Deployment d = chargeback.config().deployments().get(deployment);
        double monthly = OnPremCost.monthly(p, d.replicas()).amortised();
        double windowCost = monthly * period.hours() / TimeBase.HOURS_PER_MONTH;
        Double capacity = d.throughputTokensPerSecond()
                .map(tps -> monthly / (d.replicas() * tps * TimeBase.SECONDS_PER_MONTH) * 1e6).orElse(null);
        Served s = served(period, deployment, model);
        String cost = f("deployment %s: %d x %s at $%.2f/month amortised x %.2f h / 730 h = $%.4f over the window",
                deployment, d.replicas(), p.id(), monthly, period.hours(), windowCost);
        Double perMillion = s.tokens() == 0 ? null : windowCost / s.tokens() * 1e6;
        String basis = perMillion == null ? cost : cost + f(" / %d tokens served (%d requests) x 1e6", s.tokens(),
                s.requests());
        String message = perMillion != null ? null : "no usage yet: the ledger has no tokens served by " + model
                + " (variant or upstream model " + deployment + ") between " + period.from() + " and " + period.to();
        return new ModelUnitCost(model, ModelUnitCost.SELF_HOSTED, perMillion, capacity, period.from().toString(),
                period.to().toString(), s.requests(), s.input(), s.output(), s.tokens(), null, deployment, windowCost,
                basis, message);
    }

    private ModelUnitCost api(String model, PriceEntry price, Period period, Double inputShare) {
        Served s = served(period, model, price.model());
        double share = inputShare != null ? inputShare : s.tokens() == 0 ? 0.5 : (double) s.input() / s.tokens();
        double blended = share * price.inputPerMillion() + (1 - share) * price.outputPerMillion();
        String mix = inputShare != null ? "the requested input share" : s.tokens() == 0
                ? "input share 0.5 (no usage in the window to measure the mix)" : "the window's measured input share";
        String basis = f("API list price %s: %.4f x $%.4f in + %.4f x $%.4f out per 1M, at %s", price.model(), share,
                price.inputPerMillion(), 1 - share, price.outputPerMillion(), mix);
        return new ModelUnitCost(model, ModelUnitCost.API, blended, null, period.from().toString(),
                period.to().toString(), s.requests(), s.input(), s.output(), s.tokens(), share, null, null, basis,
                s.tokens() == 0 ? "no usage yet in the window: the list price applies as it stands" : null);
    }
}
