package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A named check of canary against stable; exactly one of {@code evaluation}, {@code prometheus}, {@code cost}.
 *
 * @param name         referenced by analysis steps, shown in status and metrics
 * @param evaluation   the evaluation service's verdict (quality, errors, latency compared by its statistics)
 * @param prometheus   a PromQL query with absolute or stable-relative thresholds
 * @param cost         the cost service's cost per 1M tokens, canary against stable
 * @param minSamples   below this many samples the gate never decides (Inconclusive, "too few samples")
 * @param noData       what an empty measurement means: {@code Inconclusive} (default), {@code Pass} or {@code Fail}
 * @param initialDelay the gate is not measured until this long after the rollout started its first step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.evaluation), has(self.prometheus), has(self.cost)].filter(x, x).size() == 1",
        message = "a gate sets exactly one of evaluation, prometheus, cost")
public record Gate(@Required @Pattern(Patterns.NAME) String name,
                   EvaluationGate evaluation,
                   PrometheusGate prometheus,
                   CostGate cost,
                   @Min(0) Long minSamples,
                   NoDataPolicy noData,
                   @Pattern(Patterns.DURATION) String initialDelay) {

    @JsonIgnore
    public int kindsSet() {
        return (evaluation != null ? 1 : 0) + (prometheus != null ? 1 : 0) + (cost != null ? 1 : 0);
    }

    @JsonIgnore
    public String kind() {
        if (evaluation != null) return "evaluation";
        if (prometheus != null) return "prometheus";
        if (cost != null) return "cost";
        return "none";
    }

    public long minSamplesOrDefault() {
        return minSamples == null ? 0 : minSamples;
    }

    public NoDataPolicy noDataOrDefault() {
        return noData == null ? NoDataPolicy.Inconclusive : noData;
    }
}
