package io.modelshift.evaluation.benchmarks;

import io.modelshift.evaluation.sandbox.PythonSandbox;
import io.modelshift.evaluation.sandbox.SandboxLimits;
import io.modelshift.testkit.Datasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HumanEvalTest {

    @TempDir
    Path work;

    private static final BenchmarkItem ADD = new BenchmarkItem("HumanEval/x", "all",
            "def add(a, b):\n    \"\"\"Add two numbers.\"\"\"\n", List.of(),
            "def check(candidate):\n    assert candidate(2, 3) == 5\n", "add", "    return a + b\n");

    private HumanEval humanEval() {
        PythonSandbox sandbox = new PythonSandbox(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), work,
                SandboxLimits.defaults());
        Assumptions.assumeTrue(sandbox.available(), () -> "no sandbox here: " + sandbox.unavailableReason());
        return new HumanEval(sandbox);
    }

    @Test
    void programIsPromptCompletionTestsAndCheck() {
        HumanEval h = new HumanEval(null);
        assertEquals(ADD.question() + "    return a + b\n\n" + ADD.gold() + "\ncheck(add)\n",
                h.program(ADD, "    return a + b\n"));
        // chat answers: the fenced block is taken and a full def redefines the function
        assertTrue(h.program(ADD, "Here:\n```python\ndef add(a, b):\n    return a + b\n```\nDone")
                .contains("\ndef add(a, b):\n    return a + b\n"));
    }

    @Test
    void scoresBodiesInTheSandbox() {
        HumanEval h = humanEval();
        assertTrue(h.score(ADD, "    return a + b\n").correct());
        Scored wrong = h.score(ADD, "    return a - b\n");
        assertFalse(wrong.correct());
        assertTrue(wrong.extracted().startsWith("FAILED"), wrong.extracted());
        assertTrue(h.score(ADD, "```python\ndef add(a, b):\n    return b + a\n```").correct());
    }

    @Test
    void canonicalSolutionsOfTheRealDatasetPass() {
        Path file = Datasets.require("humaneval/HumanEval.jsonl");
        HumanEval h = humanEval();
        List<BenchmarkItem> items = h.load(new DatasetSource(file.getParent().getParent().toString()), 0).items();
        for (BenchmarkItem item : items.subList(0, 10)) {
            Scored s = h.score(item, item.solution());
            assertTrue(s.correct(), item.id() + ": " + s.extracted());
            assertFalse(h.score(item, "    return None\n").correct(), item.id());
        }
    }
}
