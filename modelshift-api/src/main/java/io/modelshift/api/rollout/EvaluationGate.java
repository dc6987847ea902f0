package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Asks the evaluation service {@code GET /v1/verdicts?route=&baseline=&candidate=&since=} and takes its
 * PASS/FAIL/INCONCLUSIVE verdict.
 *
 * @param url the evaluation service's base URL; null = the gateway's {@code modelshift.rollout.evaluation-url}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationGate(String url) {
}
