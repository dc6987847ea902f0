package io.modelshift.cost.chargeback;

import io.modelshift.api.openai.InvalidRequestException;

import io.modelshift.cost.usage.Period;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who used what in a period, and what it cost.
 *
 * @param total       the period's cost: self-hosted deployments' period cost plus API charges
 * @param idleUnshared idle self-hosted cost left on its own rows (sharing {@code none}, or nobody to share it with)
 * @param lines       one row per tenant, route and variant, plus idle rows; their totals add up to {@code total}
 * @param basis       how each variant was priced
 */
public record ChargebackReport(Period period, IdleSharing idleSharing, double outputWeight, double total,
                               double idleUnshared, List<ChargeLine> lines, Map<String, VariantPricing> basis,
                               List<String> warnings) {

    private static final Set<String> DIMENSIONS = Set.of("tenant", "route", "variant");

    /** Rows summed over the dimensions not named, e.g. {@code groupBy("tenant")}; dropped dimensions read "*". */
    public List<ChargeLine> groupBy(String dimensions) {
        List<String> keep = new ArrayList<>();
        for (String d : dimensions.split(",")) {
            String dim = d.trim().toLowerCase(Locale.ROOT);
            if (!DIMENSIONS.contains(dim)) {
                throw InvalidRequestException.badRequest("Unknown groupBy dimension '" + d
                        + "'. Known: tenant, route, variant (comma-separated).", "groupBy", "invalid_value");
            }
            keep.add(dim);
        }
        Map<String, ChargeLine> groups = new LinkedHashMap<>();
        for (ChargeLine l : lines) {
            String tenant = keep.contains("tenant") ? l.tenant() : "*";
            String route = keep.contains("route") ? l.route() : "*";
            String variant = keep.contains("variant") ? l.variant() : "*";
            ChargeLine keyed = new ChargeLine(tenant, route, variant, l.requests(), l.inputTokens(), l.outputTokens(),
                    l.usageCost(), l.idleShare(), l.total());
            groups.merge(tenant + "\u0000" + route + "\u0000" + variant, keyed, ChargeLine::plus);
        }
        return List.copyOf(groups.values());
    }
}
