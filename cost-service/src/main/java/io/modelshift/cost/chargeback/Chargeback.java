package io.modelshift.cost.chargeback;

import io.modelshift.cost.usage.Period;
import io.modelshift.cost.usage.UsageLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.modelshift.cost.tco.OnPremCost.f;

/**
 * Splits a period's cost over tenants, routes and variants (OpenCost-style). API variants are charged at list
 * price. A self-hosted deployment's cost is charged at its 100%-utilisation rate per weighted token
 * ({@code input + w·output}, output tokens costing {@code w} times the GPU time); what is left is idle cost, shared
 * per {@link IdleSharing}. With no known capacity the whole cost is absorbed by the users, weighted. Every row plus
 * every idle row adds up to the period's total.
 */
public final class Chargeback {

    private Chargeback() {
    }

    public static ChargebackReport allocate(Period period, List<UsageLine> usage, Map<String, VariantPricing> pricing,
                                            IdleSharing sharing, double outputWeight) {
        Map<String, List<UsageLine>> byVariant = new TreeMap<>();
        usage.forEach(u -> byVariant.computeIfAbsent(u.variant(), k -> new ArrayList<>()).add(u));
        pricing.values().stream().filter(VariantPricing::selfHosted)
                .forEach(p -> byVariant.computeIfAbsent(p.variant(), k -> new ArrayList<>()));
        List<ChargeLine> lines = new ArrayList<>();
        Map<String, VariantPricing> basis = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        double total = 0;
        double idleTotal = 0;
        for (Map.Entry<String, List<UsageLine>> e : byVariant.entrySet()) {
            String variant = e.getKey();
            List<UsageLine> used = e.getValue();
            VariantPricing p = pricing.get(variant);
            if (p == null) {
                warnings.add(f("variant '%s' has no cost source (no deployment configured and no price book entry "
                        + "for it or its upstream model): its %d requests are charged $0", variant,
                        used.stream().mapToLong(UsageLine::requests).sum()));
                used.forEach(u -> lines.add(line(u, 0)));
                basis.put(variant, new VariantPricing(variant, null, null, null, "unpriced"));
                continue;
            }
            basis.put(variant, p);
            if (!p.selfHosted()) {
                for (UsageLine u : used) {
                    double cost = p.price().cost(u.inputTokens(), 0, u.outputTokens());
                    lines.add(line(u, cost));
                    total += cost;
                }
                continue;
            }
            double cost = p.periodCost();
            total += cost;
            double weightedUse = used.stream().mapToDouble(u -> weighted(u, outputWeight)).sum();
            double rate = rate(p, used, weightedUse, outputWeight);
            List<ChargeLine> variantLines = new ArrayList<>();
            used.forEach(u -> variantLines.add(line(u, rate * weighted(u, outputWeight))));
            double idle = Math.max(0, cost - rate * weightedUse);
            if (sharing == IdleSharing.NONE || weightedUse == 0 || idle == 0) {
                lines.addAll(variantLines);
                if (idle > 0) {
                    lines.add(new ChargeLine(ChargeLine.IDLE, ChargeLine.IDLE, variant, 0, 0, 0, 0, idle, idle));
                    idleTotal += idle;
                }
                continue;
            }
            lines.addAll(sharing == IdleSharing.WEIGHTED ? weightedShare(variantLines, idle)
                    : evenShare(variantLines, used, idle, outputWeight));
        }
        return new ChargebackReport(period, sharing, outputWeight, total, idleTotal, lines, basis, warnings);
    }

    /** USD per weighted token at 100% utilisation; over-full capacity (capacity understated) falls back to cost/use. */
    private static double rate(VariantPricing p, List<UsageLine> used, double weightedUse, double w) {
        if (weightedUse == 0) {
            return 0;
        }
        long in = used.stream().mapToLong(UsageLine::inputTokens).sum();
        long all = used.stream().mapToLong(UsageLine::tokens).sum();
        if (p.capacityTokens() == null || p.capacityTokens() <= 0 || all == 0) {
            return p.periodCost() / weightedUse;
        }
        double inShare = (double) in / all;
        double weightedCapacity = p.capacityTokens() * (inShare + w * (1 - inShare));
        return Math.min(p.periodCost() / weightedCapacity, p.periodCost() / weightedUse);
    }

    private static List<ChargeLine> weightedShare(List<ChargeLine> lines, double idle) {
        double allocated = lines.stream().mapToDouble(ChargeLine::usageCost).sum();
        return lines.stream().map(l -> l.withIdle(idle * l.usageCost() / allocated)).toList();
    }

    private static List<ChargeLine> evenShare(List<ChargeLine> lines, List<UsageLine> used, double idle, double w) {
        TreeSet<String> tenants = new TreeSet<>();
        lines.forEach(l -> tenants.add(l.tenant()));
        double perTenant = idle / tenants.size();
        List<ChargeLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ChargeLine l = lines.get(i);
            List<Integer> same = new ArrayList<>();
            for (int j = 0; j < lines.size(); j++) {
                if (lines.get(j).tenant().equals(l.tenant())) {
                    same.add(j);
                }
            }
            double tenantWeight = same.stream().mapToDouble(j -> weighted(used.get(j), w)).sum();
            double share = tenantWeight == 0 ? perTenant / same.size()
                    : perTenant * weighted(used.get(i), w) / tenantWeight;
            out.add(l.withIdle(share));
        }
        return out;
    }

    private static double weighted(UsageLine u, double w) {
        return u.inputTokens() + w * u.outputTokens();
    }

    private static ChargeLine line(UsageLine u, double cost) {
        return new ChargeLine(u.tenant(), u.route(), u.variant(), u.requests(), u.inputTokens(), u.outputTokens(),
                cost, 0, cost);
    }
}
