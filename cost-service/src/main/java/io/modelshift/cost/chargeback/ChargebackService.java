package io.modelshift.cost.chargeback;

import io.modelshift.cost.hardware.HardwareCatalog;
import io.modelshift.cost.hardware.HardwareProfile;
import io.modelshift.cost.hardware.HardwareStore;
import io.modelshift.cost.hardware.MemoryFit;
import io.modelshift.cost.pricebook.PriceBook;
import io.modelshift.cost.pricebook.PriceBookStore;
import io.modelshift.cost.tco.OnPremCost;
import io.modelshift.cost.tco.TimeBase;
import io.modelshift.cost.usage.Period;
import io.modelshift.cost.usage.UsageLedger;
import io.modelshift.cost.usage.UsageLine;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.modelshift.cost.tco.OnPremCost.f;

/** Chargeback over the ledger: prices each variant (configured deployment, else the price book) and allocates. */
@ApplicationScoped
public class ChargebackService {

    private final UsageLedger ledger;
    private final PriceBookStore prices;
    private final HardwareStore hardware;
    private final DeploymentsConfig config;

    public ChargebackService(UsageLedger ledger, PriceBookStore prices, HardwareStore hardware,
                             DeploymentsConfig config) {
        this.ledger = ledger;
        this.prices = prices;
        this.hardware = hardware;
        this.config = config;
    }

    public DeploymentsConfig config() {
        return config;
    }

    public ChargebackReport report(Period period, IdleSharing sharing) {
        List<UsageLine> usage = ledger.usage(period.from(), period.to());
        return Chargeback.allocate(period, usage, pricing(period, usage), sharing, config.outputWeight());
    }

    /** The profile of each configured deployment, checked at boot through {@link #deployments()}. */
    public Map<String, HardwareProfile> deployments() {
        Map<String, HardwareProfile> out = new LinkedHashMap<>();
        HardwareCatalog catalog = hardware.catalog();
        config.deployments().forEach((variant, d) -> {
            String at = "cost.deployments." + variant;
            Map<String, Object> overrides = new HashMap<>(d.overrides());
            d.gpusPerReplica().ifPresent(g -> overrides.put("gpusPerReplica", g));
            HardwareProfile p = HardwareCatalog.override(catalog.requireProfile(d.hardware(), at + ".hardware"),
                    overrides, at + ".overrides");
            d.model().ifPresent(m -> MemoryFit.of(catalog.requireModel(m, at + ".model"), p, 8192, 1)
                    .require(catalog.requireModel(m, at + ".model"), p, at));
            out.put(variant, p);
        });
        return out;
    }

    Map<String, VariantPricing> pricing(Period period, List<UsageLine> usage) {
        Map<String, VariantPricing> pricing = new HashMap<>();
        double months = period.hours() / TimeBase.HOURS_PER_MONTH;
        deployments().forEach((variant, p) -> {
            DeploymentsConfig.Deployment d = config.deployments().get(variant);
            double monthly = OnPremCost.monthly(p, d.replicas()).amortised();
            Double capacity = d.throughputTokensPerSecond().map(t -> t * d.replicas() * period.seconds()).orElse(null);
            pricing.put(variant, VariantPricing.selfHosted(variant, monthly * months, capacity, f(
                    "self-hosted: %d x %s, $%.2f/month amortised × %.2f h / 730 h; capacity %s", d.replicas(),
                    p.id(), monthly, period.hours(), capacity == null ? "unknown (all cost absorbed by users)"
                            : f("%.0f tokens", capacity))));
        });
        PriceBook book = prices.current();
        for (UsageLine u : usage) {
            if (!pricing.containsKey(u.variant())) {
                book.find(u.variant()).or(() -> book.find(u.upstreamModel()))
                        .ifPresent(price -> pricing.put(u.variant(), VariantPricing.api(u.variant(), price)));
            }
        }
        return pricing;
    }
}
