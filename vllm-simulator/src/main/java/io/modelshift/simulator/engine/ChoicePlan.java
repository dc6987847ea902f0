package io.modelshift.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one choice will emit, decided before generation starts: its token pieces (never empty; a piece may be the
 * empty string when a stop string cut the first token) and why it ends.
 *
 * @param finishReason {@code stop} or {@code length}
 * @param stopReason   the stop string that ended it, or null (vLLM's {@code stop_reason})
 */
public record ChoicePlan(List<String> pieces, String finishReason, String stopReason) {

    public ChoicePlan {
        pieces = List.copyOf(pieces);
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("a choice emits at least one token");
        }
    }

    public String text() {
        return String.join("", pieces);
    }

    /**
     * Cuts an answer to the request's limits: {@code max_tokens} (finish {@code length}) and the first stop string
     * (finish {@code stop}, text before the stop string, as vLLM does without include_stop_str_in_output).
     *
     * @param answer    the full answer the model would give
     * @param more      more text to append when {@code ignoreEos} asks to run on to {@code maxTokens}
     */
    public static ChoicePlan of(String answer, int maxTokens, List<String> stop, boolean ignoreEos,
                                Supplier<String> more) {
        List<String> pieces = new ArrayList<>(Tokens.split(answer));
        if (ignoreEos) {
            while (pieces.size() < maxTokens) {
                pieces.addAll(Tokens.split(more.get()));
            }
        }
        StringBuilder text = new StringBuilder();
        List<String> out = new ArrayList<>();
        for (String piece : pieces) {
            if (out.size() == maxTokens) {
                return new ChoicePlan(out, "length", null);
            }
            int before = text.length();
            text.append(piece);
            String hit = firstStop(text, stop, before);
            if (hit != null) {
                int at = text.indexOf(hit, Math.max(0, before - hit.length() + 1));
                out.add(at >= before ? piece.substring(0, at - before) : "");
                trimCut(out, at);
                return new ChoicePlan(out, "stop", hit);
            }
            out.add(piece);
        }
        if (out.isEmpty()) {
            out.add("");
        }
        // The end-of-sequence token would be one more: an answer exactly max_tokens long still ends by length.
        return new ChoicePlan(out, out.size() >= maxTokens ? "length" : "stop", null);
    }

    /** The stop string that now occurs in the text and reaches into the newest piece, if any. */
    private static String firstStop(StringBuilder text, List<String> stop, int newFrom) {
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (String s : stop) {
            if (s.isEmpty()) {
                continue;
            }
            int at = text.indexOf(s, Math.max(0, newFrom - s.length() + 1));
            if (at >= 0 && at < bestAt) {
                best = s;
                bestAt = at;
            }
        }
        return best;
    }

    /** When a stop string began in earlier pieces, drop the part of them that belongs to it. */
    private static void trimCut(List<String> out, int cutAt) {
        int pos = 0;
        for (int i = 0; i < out.size(); i++) {
            String p = out.get(i);
            if (pos + p.length() > cutAt) {
                out.set(i, p.substring(0, Math.max(0, cutAt - pos)));
            }
            pos += p.length();
        }
    }
}
