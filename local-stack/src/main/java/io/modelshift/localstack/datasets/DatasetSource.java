package io.modelshift.localstack.datasets;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where one benchmark's files come from, pinned to a commit or release so a cached copy always means the same data,
 * and how the download becomes the standard layout ({@code gsm8k/test.jsonl}, {@code mmlu/test/*_test.csv},
 * {@code humaneval/HumanEval.jsonl}, {@code jmmlu/JMMLU/*.csv}) that the evaluation service and the simulator read.
 *
 * @param benchmark the folder name under the datasets root
 * @param files     what to fetch
 */
public record DatasetSource(String benchmark, List<Download> files) {

    /** How a downloaded file is unpacked. */
    public enum Unpack {
        /** stored as it is, under {@code target} */
        NONE,
        /** gunzipped to {@code target} */
        GUNZIP,
        /** a tar archive: entries under {@code from} land under {@code target} */
        TAR,
        /** a zip archive: entries under {@code from} land under {@code target} */
        ZIP
    }

    /**
     * @param uri     the public location
     * @param unpack  how to unpack it
     * @param strip   for archives, the leading folder of every entry to drop ("" for none)
     * @param include for archives, the entries to keep (by prefix, after stripping); empty keeps everything
     * @param target  where it lands, relative to the benchmark's folder ("" for archives: their own layout)
     * @param sha256  the expected checksum of the downloaded bytes, or null when no published one is known
     */
    public record Download(URI uri, Unpack unpack, String strip, List<String> include, String target, String sha256) {

        static Download file(String uri, String target, String sha256) {
            return new Download(URI.create(uri), Unpack.NONE, "", List.of(), target, sha256);
        }

        boolean keeps(String entry) {
            return include.isEmpty() || include.stream().anyMatch(entry::startsWith);
        }
    }

    /**
     * The public sources, at the snapshots the project's reference copies were taken from (their READMEs in
     * {@code shared/datasets} give the commits and checksums). MMLU comes from its original release archive, which
     * has no published checksum; the archive uses the original headerless layout, which every reader here accepts.
     */
    public static Map<String, DatasetSource> publicSources() {
        String gsm8k = "https://raw.githubusercontent.com/openai/grade-school-math/"
                + "3101c7d5072418e28b9008a6636bde82a006892c/";
        String humanEval = "https://raw.githubusercontent.com/openai/human-eval/6d43fb980f9fee3c892a914eda09951f772ad10d/";
        String jmmlu = "762cbf192c9e4588b574d718f95afd64c96fcbf4";
        return Map.of(
                "gsm8k", new DatasetSource("gsm8k", List.of(
                        Download.file(gsm8k + "grade_school_math/data/test.jsonl", "test.jsonl",
                                "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14"),
                        // the train split holds the k-shot examples
                        Download.file(gsm8k + "grade_school_math/data/train.jsonl", "train.jsonl", null),
                        Download.file(gsm8k + "LICENSE", "LICENSE", null))),
                "humaneval", new DatasetSource("humaneval", List.of(
                        new Download(URI.create(humanEval + "data/HumanEval.jsonl.gz"), Unpack.GUNZIP, "", List.of(),
                                "HumanEval.jsonl", "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef"),
                        Download.file(humanEval + "LICENSE", "LICENSE", null))),
                "mmlu", new DatasetSource("mmlu", List.of(
                        new Download(URI.create("https://people.eecs.berkeley.edu/~hendrycks/data.tar"), Unpack.TAR,
                                "data/", List.of("test/", "dev/"), "", null),
                        Download.file("https://raw.githubusercontent.com/hendrycks/test/master/LICENSE", "LICENSE",
                                null))),
                "jmmlu", new DatasetSource("jmmlu", List.of(
                        new Download(URI.create("https://github.com/nlp-waseda/JMMLU/archive/" + jmmlu + ".zip"),
                                Unpack.ZIP, "JMMLU-" + jmmlu + "/", List.of("JMMLU/", "JMMLU_NC_ND/", "LICENSE"), "",
                                null))));
    }
}
