package io.modelshift.evaluation.judge;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict in a judge's answer: the LAST {@code [[A]]}, {@code [[B]]} or {@code [[C]]} (tie). Taking the last one
 * avoids FastChat's pitfall of reading a judge that quotes the format string early in its explanation as "A".
 */
public enum JudgeVerdict {
    A, B, TIE;

    private static final Pattern TOKEN = Pattern.compile("\\[\\[([ABC])]]");

    public static Optional<JudgeVerdict> parse(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(answer);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(switch (last) {
            case "A" -> A;
            case "B" -> B;
            default -> TIE;
        });
    }
}
