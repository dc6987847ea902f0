package io.modelshift.evaluation.verdicts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One metric of a verdict, with everything that produced its outcome.
 *
 * @param metric           e.g. {@code error_rate}
 * @param direction        {@code lower_is_better} or {@code higher_is_better}
 * @param baseline         the baseline's value (for the judge: 0.5, no difference)
 * @param candidate        the candidate's value
 * @param difference       candidate - baseline
 * @param low              anytime-valid interval for the difference, low end
 * @param high             high end
 * @param threshold        the non-inferiority bound the difference is held to
 * @param baselineSamples  observations of the baseline
 * @param candidateSamples observations of the candidate
 * @param passed           non-inferior: the whole interval lies on the good side of the threshold
 * @param pValue           anytime-valid p-value of "the candidate is worse than the threshold"
 * @param adjustedP        the same after the multiplicity correction across checks
 * @param note             how it was computed, when not the default
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Check(String metric, String direction, double baseline, double candidate, double difference,
                    double low, double high, double threshold, long baselineSamples, long candidateSamples,
                    boolean passed, double pValue, Double adjustedP, String note) {

    Check adjusted(double p, double alpha, boolean countTest) {
        return new Check(metric, direction, baseline, candidate, difference, low, high, threshold, baselineSamples,
                candidateSamples, countTest ? p >= alpha : passed, pValue, p, note);
    }

    boolean failed(double alpha) {
        return adjustedP != null && adjustedP < alpha;
    }
}
