package io.modelshift.api.rollout;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One side of a rollout.
 *
 * @param model    the model name written into upstream requests, e.g. {@code llama-3-70b}
 * @param upstream where requests go: an OpenAI base URL ({@code http://proxy-llama3:8100/v1}) or the name of a
 *                 variant in the gateway's route file; the gates and metrics know the side by that name, or by the
 *                 model for a URL
 */
public record Variant(@Required @Pattern(Patterns.MODEL) String model, @Required String upstream) {

    /** Same model on the same upstream: the canary is the stable, nothing to roll out. */
    public boolean sameAs(Variant other) {
        return other != null && model.equals(other.model) && upstream.equals(other.upstream);
    }
}
