package io.modelshift.evaluation.judge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code modelshift.eval.judge.*}: the pairwise judge, any OpenAI-compatible chat model. Unset base URL = off. */
@ConfigMapping(prefix = "modelshift.eval.judge")
public interface JudgeSettings {

    Optional<String> baseUrl();

    @WithDefault("judge")
    String model();

    Optional<String> apiKey();

    @WithDefault("1024")
    int maxTokens();

    @WithDefault("60s")
    Duration timeout();

    /** Judgements in flight at once. */
    @WithDefault("4")
    int concurrency();
}
