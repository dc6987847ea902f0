package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * Compares the cost service's cost per 1M tokens of canary and stable.
 *
 * @param url         the cost service's base URL; null = the gateway's {@code modelshift.rollout.cost-url}
 * @param maxIncrease the largest allowed relative increase, e.g. 0.25 = the canary may cost 25% more
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostGate(String url, @Required @Min(0) Double maxIncrease) {
}
