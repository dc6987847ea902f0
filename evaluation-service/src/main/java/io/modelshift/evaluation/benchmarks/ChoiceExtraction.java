package io.modelshift.evaluation.benchmarks;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the answer letter A-D of a generative multiple-choice response. First simple-evals' rule: after its
 * LaTeX/markdown clean-up, the first of the answer-prefix patterns ({@code Answer:}, {@code 答え:}, ...) that occurs
 * wins. Full-width letters, colons and spaces are folded to ASCII first (NFKC), which covers JMMLU's {@code 答え：Ｂ}.
 * Else lm-eval's {@code mmlu_generative} rule: the first line, stripped, compared ignoring case and punctuation.
 */
public final class ChoiceExtraction {

    private static final List<String> CLEANUP = List.of("**", "$\\boxed{", "}$", "\\$", "$\\text{", "$", "\\mathrm{",
            "\\{", "\\text", "\\(", "\\mathbf{", "{", "\\boxed");
    private static final List<String> PREFIXES = List.of("Answer\\s*:", "The best answer is", "The answer is",
            "答え\\s*:", "解答\\s*:", "回答\\s*:", "答えは", "正解は", "正解\\s*:");
    private static final List<Pattern> PATTERNS = PREFIXES.stream()
            .map(p -> Pattern.compile("(?i)" + p + "[ \\t]*\\(?([A-D])(?![A-Za-z])", Pattern.UNICODE_CHARACTER_CLASS))
            .toList();

    private ChoiceExtraction() {
    }

    public static String extract(String response) {
        if (response == null || response.isBlank()) {
            return RegexFilter.INVALID;
        }
        String text = Normalizer.normalize(response, Normalizer.Form.NFKC);
        for (String token : CLEANUP) {
            text = text.replace(token, "");
        }
        for (Pattern pattern : PATTERNS) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1).toUpperCase(Locale.ROOT);
            }
        }
        String firstLine = text.strip().split("\n", 2)[0].strip();
        String bare = ExactMatch.LETTER.normalise(firstLine).strip();
        if (bare.length() == 1 && "abcd".contains(bare)) {
            return bare.toUpperCase(Locale.ROOT);
        }
        return RegexFilter.INVALID;
    }
}
