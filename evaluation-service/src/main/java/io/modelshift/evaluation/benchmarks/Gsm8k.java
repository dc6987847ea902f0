package io.modelshift.evaluation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GSM8K as lm-evaluation-harness's {@code gsm8k} task (v3): {@code Question: ...\nAnswer:}, k-shot examples drawn from
 * the train split, scored by strict-match ({@code #### N}, first) and flexible-extract (last number) with the
 * harness's exact-match normalisation ({@code , \$ (?s).*#### \.$} removed, case ignored).
 */
public final class Gsm8k implements Benchmark {

    public static final String NAME = "gsm8k";
    static final String TEST = "gsm8k/test.jsonl";
    static final String TRAIN = "gsm8k/train.jsonl";
    /** lm-eval's default few-shot seed. */
    static final long FEWSHOT_SEED = 1234;

    static final RegexFilter STRICT = RegexFilter.of("#### (\\-?[0-9\\.\\,]+)", 0);
    static final RegexFilter FLEXIBLE = RegexFilter.of("(-?[$0-9.,]{2,})|(-?[0-9]+)", -1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset load(DatasetSource source, int shots) {
        List<BenchmarkItem> items = read(source, TEST, "gsm8k");
        if (shots <= 0) {
            return new Dataset(items, ShotPool.NONE);
        }
        if (!source.exists(TRAIN)) {
            throw new DatasetException("GSM8K " + shots + "-shot needs the train split at " + source.describe(TRAIN)
                    + " (lm-eval draws its examples from train); use shots=0 or add the file");
        }
        List<BenchmarkItem> train = read(source, TRAIN, "gsm8k-train");
        return new Dataset(items, (item, k) -> {
            // seeded per item so that resumed or re-ordered runs send the same prompt for the same item
            Random random = new Random(FEWSHOT_SEED * 31 + item.id().hashCode());
            List<BenchmarkItem> pool = new ArrayList<>(train);
            java.util.Collections.shuffle(pool, random);
            return pool.subList(0, Math.min(k, pool.size()));
        });
    }

    private static List<BenchmarkItem> read(DatasetSource source, String file, String prefix) {
        List<JsonNode> rows = JsonLines.parse(source.read(file), source.describe(file), "question", "answer");
        List<BenchmarkItem> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String answer = row.get("answer").asText();
            if (!answer.contains("#### ")) {
                throw new DatasetException("Malformed dataset " + source.describe(file) + " item " + (i + 1)
                        + ": the answer has no \"#### N\" line");
            }
            items.add(new BenchmarkItem(prefix + "/" + i, "all", row.get("question").asText(), List.of(), answer,
                    null, answer));
        }
        return items;
    }

    @Override
    public Prompt prompt(BenchmarkItem item, List<BenchmarkItem> shots, PromptMode mode) {
        List<Prompt.Message> messages = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (BenchmarkItem shot : shots) {
            messages.add(new Prompt.Message("user", ask(shot)));
            messages.add(new Prompt.Message("assistant", shot.solution()));
            text.append(ask(shot)).append(' ').append(shot.solution()).append("\n\n");
        }
        messages.add(new Prompt.Message("user", ask(item)));
        text.append(ask(item));
        return new Prompt(messages, text.toString(), List.of("Question:", "</s>", "<|im_end|>"));
    }

    private static String ask(BenchmarkItem item) {
        return "Question: " + item.question() + "\nAnswer:";
    }

    @Override
    public Scored score(BenchmarkItem item, String response) {
        String strict = STRICT.apply(response);
        String flexible = FLEXIBLE.apply(response);
        boolean strictOk = ExactMatch.GSM8K.matches(strict, item.gold());
        boolean flexibleOk = ExactMatch.GSM8K.matches(flexible, item.gold());
        return new Scored(strict.equals(RegexFilter.INVALID) ? flexible : strict, strictOk, flexibleOk);
    }

    @Override
    public int defaultMaxTokens() {
        return 256;
    }
}
