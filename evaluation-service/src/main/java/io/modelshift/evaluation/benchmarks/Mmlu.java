package io.modelshift.evaluation.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MMLU, generative: lm-eval's prompt ({@code question\nA. ..\nD. ..\nAnswer:}) with the subject description as the
 * system message, 0 or k-shot from the dev split (the first k in file order, lm-eval's {@code first_n}), the letter
 * extracted by {@link ChoiceExtraction}. Reported per subject with micro (all questions) and macro (mean of subjects)
 * averages.
 */
public final class Mmlu extends MultipleChoice {

    public static final String NAME = "mmlu";

    /** The 57 subjects, used when the datasets live behind a URL that cannot be listed. */
    static final List<String> SUBJECTS = List.of("abstract_algebra", "anatomy", "astronomy", "business_ethics",
            "clinical_knowledge", "college_biology", "college_chemistry", "college_computer_science",
            "college_mathematics", "college_medicine", "college_physics", "computer_security", "conceptual_physics",
            "econometrics", "electrical_engineering", "elementary_mathematics", "formal_logic", "global_facts",
            "high_school_biology", "high_school_chemistry", "high_school_computer_science",
            "high_school_european_history", "high_school_geography", "high_school_government_and_politics",
            "high_school_macroeconomics", "high_school_mathematics", "high_school_microeconomics",
            "high_school_physics", "high_school_psychology", "high_school_statistics", "high_school_us_history",
            "high_school_world_history", "human_aging", "human_sexuality", "international_law", "jurisprudence",
            "logical_fallacies", "machine_learning", "management", "marketing", "medical_genetics", "miscellaneous",
            "moral_disputes", "moral_scenarios", "nutrition", "philosophy", "prehistory", "professional_accounting",
            "professional_law", "professional_medicine", "professional_psychology", "public_relations",
            "security_studies", "sociology", "us_foreign_policy", "virology", "world_religions");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset load(DatasetSource source, int shots) {
        List<String> subjects = source.list("mmlu/test", "_test.csv").orElse(SUBJECTS);
        if (subjects.isEmpty()) {
            throw new DatasetException("No MMLU subject files (*_test.csv) in " + source.describe("mmlu/test"));
        }
        List<BenchmarkItem> items = new ArrayList<>();
        for (String subject : subjects) {
            items.addAll(readSubject(source, "mmlu/test/" + subject + "_test.csv", NAME, subject));
        }
        if (shots <= 0) {
            return new Dataset(items, ShotPool.NONE);
        }
        Map<String, List<BenchmarkItem>> dev = new HashMap<>();
        for (String subject : subjects) {
            dev.put(subject, readSubject(source, "mmlu/dev/" + subject + "_dev.csv", NAME + "-dev", subject));
        }
        return new Dataset(items, (item, k) -> {
            List<BenchmarkItem> pool = dev.getOrDefault(item.subject(), List.of());
            return pool.subList(0, Math.min(k, pool.size()));
        });
    }

    @Override
    String instruction(String subject) {
        return "The following are multiple choice questions (with answers) about " + subject.replace('_', ' ')
                + ". Answer with the letter of the correct choice, on a line of the form \"Answer: X\".";
    }

    @Override
    String cue() {
        return "Answer:";
    }
}
