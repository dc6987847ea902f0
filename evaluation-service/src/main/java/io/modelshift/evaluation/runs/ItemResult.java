package io.modelshift.evaluation.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One finished (item, sample) of a run, as stored. {@code error} is set when the target never answered usefully;
 * such rows are excluded from scores and redone on resume.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemResult(String itemId, int sample, String subject, String promptHash, String response,
                         String extracted, boolean correct, Boolean altCorrect, double latencyMs, int promptTokens,
                         int completionTokens, int attempts, String error) {

    public String key() {
        return itemId + "#" + sample;
    }

    public boolean errored() {
        return error != null;
    }
}
