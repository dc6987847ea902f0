package io.modelshift.cost.chargeback;

import io.modelshift.cost.pricebook.PriceEntry;

/**
 * How a variant's usage turns into money over a period.
 *
 * @param variant              the variant name
 * @param periodCost           self-hosted: the deployment's amortised cost for the period (month cost × hours / 730)
 * @param capacityTokens       self-hosted: tokens it could serve in the period at 100%, or null when unknown
 * @param price                API: the price book entry
 * @param basis                how the cost was derived, for the report
 */
public record VariantPricing(String variant, Double periodCost, Double capacityTokens, PriceEntry price,
                             String basis) {

    public static VariantPricing selfHosted(String variant, double periodCost, Double capacityTokens, String basis) {
        return new VariantPricing(variant, periodCost, capacityTokens, null, basis);
    }

    public static VariantPricing api(String variant, PriceEntry price) {
        return new VariantPricing(variant, null, null, price, "API price " + price.model() + " ($"
                + price.inputPerMillion() + " in / $" + price.outputPerMillion() + " out per 1M)");
    }

    public boolean selfHosted() {
        return periodCost != null;
    }
}
