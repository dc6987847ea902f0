package io.modelshift.evaluation.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * JMMLU (nlp-waseda): Japanese four-choice questions, headerless UTF-8 CSVs with a BOM, letter answers, no dev split.
 * The prompt is in Japanese and asks for a final {@code 答え: X}; full-width letters, colons and spaces in the answer
 * are folded by {@link ChoiceExtraction}. Few-shot examples are the first k other questions of the same subject.
 * The CC BY-NC-ND subjects ({@code JMMLU_NC_ND/}) are prefixed {@code nc_nd/} so that they are reported apart.
 */
public final class Jmmlu extends MultipleChoice {

    public static final String NAME = "jmmlu";
    static final String MAIN = "jmmlu/JMMLU";
    static final String NC_ND = "jmmlu/JMMLU_NC_ND";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset load(DatasetSource source, int shots) {
        if (source.remote()) {
            throw new DatasetException("JMMLU is read from a local folder only (its subject list cannot be listed "
                    + "over HTTP): set modelshift.eval.datasets to a folder");
        }
        List<BenchmarkItem> items = new ArrayList<>();
        for (String subject : source.list(MAIN, ".csv").orElseThrow()) {
            items.addAll(readSubject(source, MAIN + "/" + subject + ".csv", NAME, subject));
        }
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(source.root(), NC_ND))) {
            for (String subject : source.list(NC_ND, ".csv").orElseThrow()) {
                items.addAll(readSubject(source, NC_ND + "/" + subject + ".csv", NAME, "nc_nd/" + subject));
            }
        }
        if (items.isEmpty()) {
            throw new DatasetException("No JMMLU subject files (*.csv) in " + source.describe(MAIN));
        }
        List<BenchmarkItem> all = List.copyOf(items);
        return new Dataset(all, (item, k) -> all.stream()
                .filter(other -> other.subject().equals(item.subject()) && !other.id().equals(item.id()))
                .limit(k).toList());
    }

    @Override
    String instruction(String subject) {
        return "以下は「" + subject.replace("nc_nd/", "").replace('_', ' ') + "」に関する多肢選択問題です。"
                + "最も適切な選択肢を選び、「答え: X」の形式で選択肢のアルファベット（A、B、C、D）のみを答えてください。";
    }

    @Override
    String cue() {
        return "答え:";
    }
}
