package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A standard Kubernetes condition: {@code Progressing}, {@code Completed}, {@code Degraded}. {@code kubectl wait
 * --for=condition=Completed mro/NAME} waits for {@code Completed=True}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutCondition(String type, String status, String reason, String message, String lastTransitionTime) {

    public static final String PROGRESSING = "Progressing";
    public static final String COMPLETED = "Completed";
    public static final String DEGRADED = "Degraded";

    @JsonIgnore
    public boolean isTrue() {
        return "True".equals(status);
    }
}
