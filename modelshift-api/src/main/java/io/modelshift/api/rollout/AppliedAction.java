package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The last manual action the controller consumed.
 *
 * @param action the annotation value (promote, abort...)
 * @param at     when it was applied (RFC 3339)
 * @param result what it did, or why it was refused ("retry only applies to an Aborted or Frozen rollout")
 * @param id     the id the controller stamped on the request before applying it ({@link ActionRequest}): a request
 *               whose id is this one was applied already and is only removed, so each applies exactly once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppliedAction(String action, String at, String result, String id) {

    public AppliedAction(String action, String at, String result) {
        this(action, at, result, null);
    }

    public AppliedAction withId(String newId) {
        return new AppliedAction(action, at, result, newId);
    }
}
