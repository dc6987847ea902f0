package io.modelshift.simulator.quality;

import java.util.SplittableRandom;

/**
 * Plausible assistant prose for prompts the quality profile does not know: sentences of common words, without
 * digits (so they never look like a benchmark answer), of a length drawn around a typical chat answer.
 */
public final class FillerText {

    private static final String[] OPENERS = {"Sure", "Certainly", "Here is an overview", "Good question",
            "In short", "To answer this"};
    private static final String[] SUBJECTS = {"the system", "a careful approach", "this method", "the model",
            "each step", "the result", "a simple example", "the main idea", "the team", "the process"};
    private static final String[] VERBS = {"depends on", "improves", "explains", "describes", "requires",
            "builds on", "changes", "supports", "reflects", "clarifies"};
    private static final String[] OBJECTS = {"the underlying data", "several practical factors",
            "the context of the question", "a clear structure", "the available evidence", "common patterns",
            "the expected outcome", "a few important details", "the overall design", "the original request"};
    private static final String[] TAILS = {"in most cases", "over time", "when applied consistently",
            "for many users", "in practice", "with some care", "as a general rule", "at each stage"};

    /** Median answer length in tokens; an assumption (no published figure used), typical of chat answers. */
    static final int MEDIAN_TOKENS = 120;

    private FillerText() {
    }

    /** An answer of a random realistic length: log-normal around {@link #MEDIAN_TOKENS}, 8..1024 tokens. */
    public static String answer(SplittableRandom random) {
        double z = random.nextGaussian();
        int tokens = (int) Math.max(8, Math.min(1024, Math.round(MEDIAN_TOKENS * Math.exp(0.6 * z))));
        return words(random, tokens);
    }

    /** Prose of about the given number of tokens (one word is about one token here). */
    public static String words(SplittableRandom random, int approxTokens) {
        StringBuilder out = new StringBuilder(approxTokens * 6);
        out.append(pick(random, OPENERS)).append(". ");
        while (out.length() < approxTokens * 5) {
            String subject = pick(random, SUBJECTS);
            out.append(Character.toUpperCase(subject.charAt(0))).append(subject.substring(1)).append(' ')
                    .append(pick(random, VERBS)).append(' ').append(pick(random, OBJECTS)).append(' ')
                    .append(pick(random, TAILS)).append(". ");
        }
        return out.toString().trim();
    }

    private static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
