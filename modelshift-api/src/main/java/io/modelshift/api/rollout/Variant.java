package io.modelshift.api.rollout;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One side of a rollout.
 *
 * @param model    the model name written into upstream requests and used by gates, e.g. {@code llama-3-70b}
 * @param upstream where requests go: a base URL ({@code http://proxy-llama3:8100}) or a named upstream of the
 *                 gateway's configuration
 */
public record Variant(@Required @Pattern(Patterns.MODEL) String model, @Required String upstream) {

    /** Same model on the same upstream: the canary is the stable, nothing to roll out. */
    public boolean sameAs(Variant other) {
        return other != null && model.equals(other.model) && upstream.equals(other.upstream);
    }
}
