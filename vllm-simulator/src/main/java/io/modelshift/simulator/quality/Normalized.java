package io.modelshift.simulator.quality;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text reduced to what survives any prompt template: NFKC, lower case, no whitespace. Works for Japanese, which
 * has no spaces between words, as well as for English.
 */
final class Normalized {

    private Normalized() {
    }

    static String of(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
