package io.modelshift.evaluation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.evaluation.sandbox.Execution;
import io.modelshift.evaluation.sandbox.PythonSandbox;
import io.modelshift.evaluation.sandbox.SandboxUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HumanEval (openai/human-eval): the completion continues the function prompt; the program
 * {@code prompt + completion + "\n" + test + "\ncheck(entry_point)"} runs in the {@link PythonSandbox} and passes on
 * exit 0. Completions mode sends the prompt verbatim with lm-eval's stop strings; chat mode asks for the completed
 * function in a code block and takes the first fenced block (a full {@code def} then redefines the function).
 */
public final class HumanEval implements Benchmark {

    public static final String NAME = "humaneval";
    static final String FILE = "humaneval/HumanEval.jsonl";
    private static final Pattern FENCE = Pattern.compile("```(?:python|py)?\\s*\\n(.*?)```", Pattern.DOTALL);

    private final PythonSandbox sandbox;

    public HumanEval(PythonSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Refuses up front, with the sandbox's reason, rather than failing every item. */
    public void requireSandbox() {
        if (sandbox == null || !sandbox.available()) {
            throw new SandboxUnavailableException(sandbox == null ? "HumanEval needs a sandbox; none is configured"
                    : sandbox.unavailableReason());
        }
    }

    @Override
    public Dataset load(DatasetSource source, int shots) {
        List<JsonNode> rows = JsonLines.parse(source.read(FILE), source.describe(FILE),
                "task_id", "prompt", "entry_point", "test");
        List<BenchmarkItem> items = new ArrayList<>();
        for (JsonNode row : rows) {
            items.add(new BenchmarkItem(row.get("task_id").asText(), "all", row.get("prompt").asText(), List.of(),
                    row.get("test").asText(), row.get("entry_point").asText(),
                    row.path("canonical_solution").asText(null)));
        }
        return new Dataset(items, ShotPool.NONE);
    }

    @Override
    public Prompt prompt(BenchmarkItem item, List<BenchmarkItem> shots, PromptMode mode) {
        String chat = "Complete the following Python function so that it passes its tests. Reply with the complete "
                + "function in a single python code block.\n\n```python\n" + item.question() + "```";
        return new Prompt(List.of(new Prompt.Message("user", chat)), item.question(),
                mode == PromptMode.COMPLETIONS ? List.of("\nclass", "\ndef", "\n#", "\nif", "\nprint") : List.of());
    }

    /** The program that is run: prompt, completion, tests, and the call of {@code check}. */
    public String program(BenchmarkItem item, String response) {
        return item.question() + code(response) + "\n" + item.gold() + "\n" + "check(" + item.entryPoint() + ")\n";
    }

    static String code(String response) {
        if (response == null) {
            return "";
        }
        Matcher m = FENCE.matcher(response);
        if (m.find()) {
            return "\n" + m.group(1);
        }
        return response;
    }

    @Override
    public Scored score(BenchmarkItem item, String response) {
        requireSandbox();
        Execution execution = sandbox.run(program(item, response));
        String summary = execution.outcome() + (execution.passed() ? "" : ": " + lastLine(execution.output()));
        return new Scored(summary, execution.passed(), null);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        String last = lines[lines.length - 1];
        return last.length() > 200 ? last.substring(0, 200) : last;
    }

    @Override
    public int defaultMaxTokens() {
        return 1024;
    }
}
