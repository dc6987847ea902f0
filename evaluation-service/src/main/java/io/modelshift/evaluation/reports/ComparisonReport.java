package io.modelshift.evaluation.reports;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.modelshift.evaluation.comparisons.Comparison;
import io.modelshift.evaluation.stats.Interval;

import java.time.Instant;
import java.util.List;

/**
 * The before/after table of a migration: one row per benchmark with both accuracies, the paired difference, its 95%
 * interval and McNemar's p-value.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonReport(String baseline, String candidate, Instant generatedAt, List<Row> rows) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String benchmark, String baselineRun, String candidateRun, double baseline,
                      Interval baselineInterval, double candidate, Interval candidateInterval, int sharedItems,
                      double difference, Interval differenceInterval, double pValue, String significance) {

        static Row of(Comparison c) {
            Comparison.Paired p = c.paired();
            String significance = !p.significant() ? "no significant difference"
                    : p.difference().estimate() > 0 ? "candidate better" : "candidate worse";
            return new Row(c.benchmark(), c.baseline().run(), c.candidate().run(), c.baseline().accuracy(),
                    c.baseline().interval(), c.candidate().accuracy(), c.candidate().interval(), p.sharedItems(),
                    p.difference().estimate(), p.difference(), p.mcnemarP(), significance);
        }
    }
}
