package io.modelshift.evaluation.benchmarks;

/** Which OpenAI endpoint a run calls. */
public enum PromptMode {
    /** {@code /v1/chat/completions}: few-shot examples as alternating user/assistant turns. */
    CHAT,
    /** {@code /v1/completions}: one text prompt, examples separated by a blank line. */
    COMPLETIONS
}
