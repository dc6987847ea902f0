package io.modelshift.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tokenizer stand-in: no vocabulary, but pieces of about the size real BPE tokens have (a short run of letters
 * with its leading space, up to three digits as Llama 3 splits numbers, one punctuation mark, a whitespace run).
 * Concatenating the pieces gives back the text exactly, so streamed deltas add up to the full answer.
 */
public final class Tokens {

    private static final Pattern PIECE = Pattern.compile(
            "\\s*[\\p{L}\\p{M}]{1,6}|\\s*\\p{N}{1,3}|\\s*[^\\s\\p{L}\\p{M}\\p{N}]|\\s+");

    private Tokens() {
    }

    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    public static int count(CharSequence text) {
        int n = 0;
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
