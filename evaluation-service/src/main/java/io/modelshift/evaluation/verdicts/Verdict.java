package io.modelshift.evaluation.verdicts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/verdicts} answers to the rollout controller.
 *
 * @param outcome       PASS, FAIL or INCONCLUSIVE
 * @param reason        one sentence on why
 * @param trafficShare  the candidate's measured share of the compared requests
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Verdict(Outcome outcome, String reason, String route, String baseline, String candidate,
                      Instant since, Instant computedAt, double alpha, String method, long baselineSamples,
                      long candidateSamples, double trafficShare, List<Check> checks) {

    public enum Outcome {
        PASS, FAIL, INCONCLUSIVE
    }
}
