package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The last manual action the controller consumed.
 *
 * @param action the annotation value (promote, abort...)
 * @param at     when it was applied (RFC 3339)
 * @param result what it did, or why it was refused ("retry only applies to an Aborted or Frozen rollout")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppliedAction(String action, String at, String result) {
}
