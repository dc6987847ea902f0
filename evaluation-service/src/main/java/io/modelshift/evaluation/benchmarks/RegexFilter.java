package io.modelshift.evaluation.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lm-evaluation-harness's {@code RegexFilter}: {@code findall} over the response, take match {@code groupSelect}
 * (0 first, -1 last), keep the first non-empty group of a match that has groups, strip, {@code [invalid]} when nothing
 * matched.
 */
public record RegexFilter(Pattern pattern, int groupSelect) {

    public static final String INVALID = "[invalid]";

    public static RegexFilter of(String regex, int groupSelect) {
        // Python's \s \d \w are Unicode-aware on str patterns; Java's are not unless asked.
        return new RegexFilter(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS), groupSelect);
    }

    public String apply(String response) {
        if (response == null) {
            return INVALID;
        }
        List<String> matches = new ArrayList<>();
        Matcher m = pattern.matcher(response);
        while (m.find()) {
            matches.add(firstNonEmptyGroup(m));
        }
        if (matches.isEmpty()) {
            return INVALID;
        }
        int index = groupSelect < 0 ? matches.size() + groupSelect : groupSelect;
        if (index < 0 || index >= matches.size()) {
            return INVALID;
        }
        return matches.get(index).strip();
    }

    private static String firstNonEmptyGroup(Matcher m) {
        if (m.groupCount() == 0) {
            return m.group();
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            String value = m.group(g);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
