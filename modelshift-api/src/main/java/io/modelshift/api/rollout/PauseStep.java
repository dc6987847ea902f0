package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;

/** @param duration how long to wait, e.g. {@code 10m}; null waits until promoted */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PauseStep(@Pattern(Patterns.DURATION) String duration) {
}
