package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Shadow traffic: the canary answers copies of real requests, clients only ever see the stable answer.
 *
 * @param percent  share of the route's requests copied to the canary
 * @param duration how long to mirror; null mirrors until promoted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MirrorStep(@Required @Min(0) @Max(100) Integer percent, @Pattern(Patterns.DURATION) String duration) {
}
