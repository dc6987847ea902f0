package io.modelshift.evaluation.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * lm-evaluation-harness's {@code exact_match}: delete each ignored regex from both strings, optionally lower-case and
 * drop ASCII punctuation ({@code string.punctuation}), then compare.
 */
public record ExactMatch(List<Pattern> ignored, boolean ignoreCase, boolean ignorePunctuation) {

    private static final Pattern ASCII_PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

    /** GSM8K's settings: regexes_to_ignore {@code , \$ (?s).*#### \.$}, ignore case, keep punctuation. */
    public static final ExactMatch GSM8K = new ExactMatch(List.of(
            Pattern.compile(","), Pattern.compile("\\$"), Pattern.compile("(?s).*#### "), Pattern.compile("\\.$")),
            true, false);

    /** mmlu_generative's settings: ignore case and punctuation. */
    public static final ExactMatch LETTER = new ExactMatch(List.of(), true, true);

    public boolean matches(String prediction, String reference) {
        return normalise(prediction).equals(normalise(reference));
    }

    String normalise(String s) {
        String out = s == null ? "" : s;
        for (Pattern p : ignored) {
            out = p.matcher(out).replaceAll("");
        }
        if (ignoreCase) {
            out = out.toLowerCase(Locale.ROOT);
        }
        if (ignorePunctuation) {
            out = ASCII_PUNCTUATION.matcher(out).replaceAll("");
        }
        return out;
    }
}
