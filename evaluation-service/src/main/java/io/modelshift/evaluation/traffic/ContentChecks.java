package io.modelshift.evaluation.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference-free checks on a request's text (privacy mode off): the answer's language matches a Japanese prompt, the
 * answer is valid JSON when JSON was requested, the answer is a refusal, the answer degenerates into repetition.
 * Each check is null when it does not apply (no text, or no JSON requested).
 */
public final class ContentChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED_JSON = Pattern.compile("^```(?:json)?\\s*\\n(.*?)\\n?```\\s*$", Pattern.DOTALL);
    private static final List<String> REFUSALS = List.of("i can't help", "i cannot help", "i can't assist",
            "i cannot assist", "i'm sorry, but i can", "i am sorry, but i can", "i'm unable to", "i am unable to",
            "i won't be able to", "as an ai language model, i cannot", "i must decline",
            "申し訳ありませんが", "お答えできません", "お手伝いできません");

    private ContentChecks() {
    }

    /** Results; a null means the check did not apply. */
    public record Result(boolean empty, Boolean languageMismatch, Boolean jsonInvalid, Boolean refusal,
                         Boolean degenerate) {

        /** Whether any applicable check failed (the combined content-failure rate of the verdict). */
        public boolean anyFailed() {
            return empty || Boolean.TRUE.equals(languageMismatch) || Boolean.TRUE.equals(jsonInvalid)
                    || Boolean.TRUE.equals(refusal) || Boolean.TRUE.equals(degenerate);
        }
    }

    /**
     * @param succeeded        the request succeeded (failed requests have no answer to check)
     * @param completionTokens -1 when unknown
     */
    public static Result check(boolean succeeded, String prompt, String answer, boolean requestedJson,
                               long completionTokens) {
        boolean hasText = answer != null;
        boolean empty = succeeded && (hasText ? answer.isBlank() : completionTokens == 0);
        if (!succeeded || !hasText) {
            return new Result(empty, null, null, null, null);
        }
        // applies to Japanese prompts only: they must be answered in Japanese
        Boolean language = prompt == null || !japanese(prompt) ? null : !answer.isBlank() && !japanese(answer);
        Boolean json = requestedJson ? !validJson(answer) : null;
        return new Result(empty, language, json, refusal(answer), degenerate(answer));
    }

    /** Japanese when kana or kanji make up at least 20% of the letters (CJK kanji alone could be Chinese: kana decide). */
    static boolean japanese(String text) {
        int letters = 0;
        int kana = 0;
        int kanji = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                kana++;
            } else if (script == Character.UnicodeScript.HAN) {
                kanji++;
            }
        }
        return letters > 0 && kana > 0 && (kana + kanji) >= 0.2 * letters;
    }

    static boolean validJson(String answer) {
        String text = answer.strip();
        Matcher fenced = FENCED_JSON.matcher(text);
        if (fenced.matches()) {
            text = fenced.group(1);
        }
        try {
            return JSON.readTree(text) != null && !text.isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean refusal(String answer) {
        String head = answer.strip().toLowerCase(Locale.ROOT);
        head = head.length() > 300 ? head.substring(0, 300) : head;
        for (String marker : REFUSALS) {
            if (head.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Degenerate repetition: a long answer whose word 4-grams are mostly repeats (fewer than 30% distinct), or the
     * same non-empty line four times in a row. CJK text without spaces is cut into characters instead of words.
     */
    static boolean degenerate(String answer) {
        String[] lines = answer.split("\n");
        int run = 1;
        for (int i = 1; i < lines.length; i++) {
            run = !lines[i].isBlank() && lines[i].strip().equals(lines[i - 1].strip()) ? run + 1 : 1;
            if (run >= 4) {
                return true;
            }
        }
        String[] tokens = answer.strip().split("\\s+");
        if (tokens.length < 20) {
            tokens = answer.strip().codePoints().filter(cp -> !Character.isWhitespace(cp))
                    .mapToObj(Character::toString).toArray(String[]::new);
        }
        if (tokens.length < 40) {
            return false;
        }
        Set<String> grams = new HashSet<>();
        int total = tokens.length - 3;
        for (int i = 0; i < total; i++) {
            grams.add(tokens[i] + " " + tokens[i + 1] + " " + tokens[i + 2] + " " + tokens[i + 3]);
        }
        return grams.size() < 0.3 * total;
    }
}
