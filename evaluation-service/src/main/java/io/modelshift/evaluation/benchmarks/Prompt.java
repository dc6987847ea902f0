package io.modelshift.evaluation.benchmarks;

import java.util.List;

/**
 * What is sent for one item: chat messages for {@code /v1/chat/completions}, or the same content flattened into one
 * text for {@code /v1/completions}. The asked question is always the last thing in the prompt.
 *
 * @param messages chat messages (system, then alternating user/assistant few-shot turns, then the asked question)
 * @param text     the completions-mode prompt
 * @param stop     stop strings (chat endpoints take at most four; the first four are sent)
 */
public record Prompt(List<Message> messages, String text, List<String> stop) {

    public record Message(String role, String content) {
    }

    public Prompt {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
    }
}
