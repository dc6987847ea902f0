package io.modelshift.cost.chargeback;

import io.modelshift.cost.hardware.HardwareCatalog;
import io.modelshift.cost.hardware.HardwareProfile;
import io.modelshift.cost.hardware.HardwareStore;
import io.modelshift.cost.hardware.MemoryFit;
import io.modelshift.cost.pricebook.PriceBook;
import io.modelshift.cost.pricebook.PriceBookStore;
import io.modelshift.cost.tco.OnPremCost;
import io.modelshift.cost.tco.Percent;
import io.modelshift.cost.tco.TimeBase;
import io.modelshift.cost.tco.UnitCost;
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

    /** Cost per 1M tokens of each configured deployment with a known capacity, from a period's chargeback. */
    public List<DeploymentUnitCost> unitCosts(ChargebackReport report, Period period) {
        List<DeploymentUnitCost> costs = new java.util.ArrayList<>();
        deployments().forEach((variant, p) -> {
            DeploymentsConfig.Deployment d = config.deployments().get(variant);
            if (d.throughputTokensPerSecond().isEmpty()) {
                return;
            }
            double capacityMonth = d.replicas() * d.throughputTokensPerSecond().get() * TimeBase.SECONDS_PER_MONTH;
            double monthly = OnPremCost.monthly(p, d.replicas()).amortised();
            long in = 0;
            long outTokens = 0;
            for (ChargeLine l : report.lines()) {
                if (l.variant().equals(variant)) {
                    in += l.inputTokens();
                    outTokens += l.outputTokens();
                }
            }
            double inShare = in + outTokens == 0 ? 0.5 : (double) in / (in + outTokens);
            double measured = (in + outTokens) / (capacityMonth * period.seconds() / TimeBase.SECONDS_PER_MONTH);
            double w = config.outputWeight();
            costs.add(new DeploymentUnitCost(variant, d.model().orElse(variant), p.id(), d.replicas(), p.gpusPerReplica(),
                    monthly, capacityMonth, inShare, List.of(
                    UnitCost.onPrem("measured", monthly, capacityMonth, measured, inShare, w),
                    UnitCost.onPrem("target", monthly, capacityMonth, config.targetUtilisation(), inShare, w),
                    UnitCost.onPrem("floor", monthly, capacityMonth, 1.0, inShare, w))));
        });
        return costs;
    }

    /** Served tokens, peak throughput and utilisation per variant, from the ledger. */
    public List<MeasuredUtilisation> utilisation(Period period) {
        Map<String, long[]> totals = new java.util.TreeMap<>();
        Map<String, Double> busy = new HashMap<>();
        for (UsageLine u : ledger.usage(period.from(), period.to())) {
            long[] t = totals.computeIfAbsent(u.variant(), k -> new long[2]);
            t[0] += u.requests();
            t[1] += u.tokens();
            busy.merge(u.variant(), u.busySeconds(), Double::sum);
        }
        Map<String, Long> peaks = ledger.peakTokensPerMinute(period.from(), period.to());
        List<MeasuredUtilisation> out = new java.util.ArrayList<>();
        totals.forEach((variant, t) -> {
            DeploymentsConfig.Deployment d = config.deployments().get(variant);
            Percent throughputBased = d == null || d.throughputTokensPerSecond().isEmpty() ? null : Percent.of(t[1],
                    d.replicas() * d.throughputTokensPerSecond().get() * period.seconds(), f(
                            "%d tokens / (%d replicas × %.1f tokens/s × %.0f s)", t[1], d.replicas(),
                            d.throughputTokensPerSecond().get(), period.seconds()));
            int replicas = d == null ? 1 : d.replicas();
            Percent timeBased = Percent.of(busy.get(variant), replicas * period.seconds(),
                    f("%.1f busy s / (%d replicas × %.0f s)", busy.get(variant), replicas, period.seconds()));
            out.add(new MeasuredUtilisation(variant, period, t[0], t[1], t[1] / period.seconds(),
                    peaks.getOrDefault(variant, 0L) / 60.0, throughputBased, timeBased));
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
