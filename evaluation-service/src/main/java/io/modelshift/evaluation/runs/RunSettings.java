package io.modelshift.evaluation.runs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code modelshift.eval.runs.*}: how runs call their targets and when target errors end a run. */
@ConfigMapping(prefix = "modelshift.eval.runs")
public interface RunSettings {

    /** Per-request timeout. */
    @WithDefault("120s")
    Duration requestTimeout();

    /** Attempts per item, counting the first (retries on unreachable, timeout, 429, 5xx). */
    @WithDefault("3")
    int maxAttempts();

    /** Backoff before the first retry, doubled each time. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** A run fails once this many items have errored and they are more than {@link #maxErrorShare()} of those tried. */
    @WithDefault("10")
    int minErrorsToFail();

    @WithDefault("0.5")
    double maxErrorShare();

    /** Bearer token sent to targets (gateway API key), if any. */
    Optional<String> targetApiKey();

    /** Upper bound on a run's concurrency. */
    @WithDefault("256")
    int maxConcurrency();
}
