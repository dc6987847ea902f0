package io.modelshift.evaluation.benchmarks;

import io.modelshift.api.datasets.CsvRecords;

import java.util.ArrayList;
import java.util.List;

/** The shared shape of MMLU and JMMLU: four choices, a letter answer, per-subject strata, generative scoring. */
abstract class MultipleChoice implements Benchmark {

    static final String LETTERS = "ABCD";

    /** The system instruction for a subject. */
    abstract String instruction(String subject);

    /** The answer cue that ends each question ({@code Answer:} / {@code 答え:}). */
    abstract String cue();

    @Override
    public Prompt prompt(BenchmarkItem item, List<BenchmarkItem> shots, PromptMode mode) {
        List<Prompt.Message> messages = new ArrayList<>();
        String instruction = instruction(item.subject());
        messages.add(new Prompt.Message("system", instruction));
        StringBuilder text = new StringBuilder(instruction).append("\n\n");
        for (BenchmarkItem shot : shots) {
            messages.add(new Prompt.Message("user", ask(shot)));
            messages.add(new Prompt.Message("assistant", cue() + " " + shot.gold()));
            text.append(ask(shot)).append(' ').append(shot.gold()).append("\n\n");
        }
        messages.add(new Prompt.Message("user", ask(item)));
        text.append(ask(item));
        return new Prompt(messages, text.toString(), List.of());
    }

    String ask(BenchmarkItem item) {
        StringBuilder s = new StringBuilder(item.question().strip());
        for (int i = 0; i < item.choices().size(); i++) {
            s.append('\n').append(LETTERS.charAt(i)).append(". ").append(item.choices().get(i));
        }
        return s.append('\n').append(cue()).toString();
    }

    @Override
    public Scored score(BenchmarkItem item, String response) {
        String letter = ChoiceExtraction.extract(response);
        return new Scored(letter, letter.equals(item.gold()), null);
    }

    @Override
    public int defaultMaxTokens() {
        return 32;
    }

    /**
     * Reads one subject file: either the HF layout (header {@code question,choice0..3,answer}, 0-based index) or the
     * original headerless layout (letter answer), which JMMLU also uses.
     */
    static List<BenchmarkItem> readSubject(DatasetSource source, String file, String idPrefix, String subject) {
        String where = source.describe(file);
        List<List<String>> rows;
        try {
            rows = CsvRecords.parse(source.read(file), where);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(e.getMessage());
        }
        List<BenchmarkItem> items = new ArrayList<>(rows.size());
        boolean header = !rows.isEmpty() && rows.getFirst().getFirst().strip().equalsIgnoreCase("question");
        for (int r = header ? 1 : 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != 6) {
                throw new DatasetException("Malformed dataset " + where + " row " + (r + 1) + ": expected 6 fields "
                        + "(question, four choices, answer), found " + row.size());
            }
            String answer = letter(row.get(5).strip());
            if (answer == null) {
                throw new DatasetException("Malformed dataset " + where + " row " + (r + 1) + ": answer \""
                        + row.get(5) + "\" is neither A-D nor 0-3");
            }
            items.add(new BenchmarkItem(idPrefix + "/" + subject + "/" + (header ? r - 1 : r), subject, row.get(0),
                    row.subList(1, 5).stream().map(String::strip).toList(), answer, null, null));
        }
        if (items.isEmpty()) {
            throw new DatasetException("Dataset " + where + " holds no questions");
        }
        return items;
    }

    private static String letter(String answer) {
        if (answer.length() == 1 && LETTERS.contains(answer)) {
            return answer;
        }
        if (answer.length() == 1 && answer.charAt(0) >= '0' && answer.charAt(0) <= '3') {
            return String.valueOf(LETTERS.charAt(answer.charAt(0) - '0'));
        }
        return null;
    }
}
