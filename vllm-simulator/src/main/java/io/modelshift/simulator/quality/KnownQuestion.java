package io.modelshift.simulator.quality;

import java.math.BigDecimal;
import java.util.List;

/**
 * One benchmark question from the answer keys and how the simulated model answers it.
 *
 * @param benchmark    which benchmark
 * @param id           stable id ({@code gsm8k/12}, {@code mmlu/anatomy/3}, {@code HumanEval/0}, ...)
 * @param question     the question text, normalised (see {@link Normalized})
 * @param choices      multiple-choice options, normalised (MMLU, JMMLU), else empty
 * @param answer       the key: the number (GSM8K), the letter (MMLU, JMMLU), the canonical body (HumanEval)
 * @param reasoning    GSM8K's worked solution without the final line and calculator annotations; HumanEval's prompt
 */
public record KnownQuestion(Benchmark benchmark, String id, String question, List<String> choices, String answer,
                            String reasoning) {

    private static final String LETTERS = "ABCD";

    public KnownQuestion {
        choices = List.copyOf(choices);
    }

    /** Whether this model answers this question correctly: a fixed coin per (question, seed) with P(heads) = p. */
    public boolean correct(long seed, double p) {
        return unit(seed) < p;
    }

    /** A uniform number in [0,1) fixed by the question id and the seed. */
    double unit(long seed) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= seed * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }

    /**
     * The answer in the benchmark's expected format.
     *
     * @param chat   chat endpoint or completions
     * @param prompt the prompt as sent (completions continue it)
     */
    public String answer(boolean chat, String prompt, boolean correct) {
        return switch (benchmark) {
            case GSM8K -> continuing(chat, prompt, gsm8k(correct));
            case MMLU, JMMLU -> multipleChoice(chat, prompt, correct);
            case HUMANEVAL -> humanEval(chat, correct);
        };
    }

    private String gsm8k(boolean correct) {
        if (correct) {
            return reasoning + "\n#### " + answer;
        }
        String wrong = wrongNumber();
        int lastLine = reasoning.lastIndexOf('\n');
        String steps = lastLine > 0 ? reasoning.substring(0, lastLine) : "Let me work this out.";
        return steps + "\nSo the answer is " + wrong + ".\n#### " + wrong;
    }

    /** A different number near the right one, fixed per question. */
    String wrongNumber() {
        int offset = 1 + (int) (unit(0x5EEDL) * 9);
        BigDecimal right;
        try {
            right = new BigDecimal(answer.replace(",", ""));
        } catch (NumberFormatException e) {
            return answer + "1";
        }
        BigDecimal wrong = right.add(BigDecimal.valueOf(unit(0xB1A5L) < 0.5 && right.signum() > 0 ? -offset : offset));
        if (wrong.signum() < 0 && right.signum() >= 0) {
            wrong = right.add(BigDecimal.valueOf(offset));
        }
        return wrong.stripTrailingZeros().toPlainString();
    }

    private String multipleChoice(boolean chat, String prompt, boolean correct) {
        String letter = correct ? answer : wrongLetter();
        // A completions prompt that ends with "Answer:" (or Japanese "答え：") is continued with the letter alone.
        String end = prompt.stripTrailing();
        if (!chat && (end.endsWith(":") || end.endsWith("："))) {
            return " " + letter;
        }
        return "Answer: " + letter;
    }

    /** A completions answer continues the prompt: after "Answer:" it starts with a space, as a model's would. */
    private static String continuing(boolean chat, String prompt, String answer) {
        boolean glued = !chat && !prompt.isEmpty() && !Character.isWhitespace(prompt.charAt(prompt.length() - 1));
        return glued ? " " + answer : answer;
    }

    String wrongLetter() {
        int right = LETTERS.indexOf(answer);
        int pick = (int) (unit(0x1E77E2L) * 3);
        return String.valueOf(LETTERS.charAt((right + 1 + pick) % 4));
    }

    private String humanEval(boolean chat, boolean correct) {
        String body = correct ? answer : "    raise NotImplementedError(\"not solved\")\n";
        if (!chat) {
            return body;
        }
        return "Here is the completed function:\n\n```python\n" + reasoning + body + "```\n";
    }
}
