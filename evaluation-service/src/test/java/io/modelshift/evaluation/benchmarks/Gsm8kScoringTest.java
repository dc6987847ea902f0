package io.modelshift.evaluation.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made cases mirroring lm-evaluation-harness's gsm8k strict-match and flexible-extract. */
class Gsm8kScoringTest {

    private final Gsm8k gsm8k = new Gsm8k();
    private final BenchmarkItem item18 = item("She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18");

    private static BenchmarkItem item(String answer) {
        return new BenchmarkItem("gsm8k/0", "all", "q", List.of(), answer, null, answer);
    }

    @Test
    void strictMatchNeedsTheHashMarker() {
        Scored s = gsm8k.score(item18, "9 eggs at $2 each.\n#### 18");
        assertTrue(s.correct());
        assertTrue(s.altCorrect());
        assertEquals("18", s.extracted());
    }

    @Test
    void plainSentenceIsInvalidForStrictButRightForFlexible() {
        Scored s = gsm8k.score(item18, "The answer is 18.");
        assertFalse(s.correct());
        assertTrue(s.altCorrect(), "flexible takes the last number, '18.' loses its trailing dot");
        assertEquals("18.", s.extracted());
        assertEquals(RegexFilter.INVALID, Gsm8k.STRICT.apply("The answer is 18."));
    }

    @Test
    void dollarsWithCentsDoNotMatchAnInteger() {
        // lm-eval removes "$" and a final "." but not ".00": "$18.00." -> "18.00" != "18"
        Scored s = gsm8k.score(item18, "She makes $18.00.");
        assertFalse(s.altCorrect());
        assertEquals("$18.00.", Gsm8k.FLEXIBLE.apply("She makes $18.00."));
    }

    @Test
    void thousandsSeparatorsAreIgnoredOnBothSides() {
        BenchmarkItem big = item("... so 2,125 in total\n#### 2,125");
        assertTrue(gsm8k.score(big, "#### 2125").correct());
        assertTrue(gsm8k.score(big, "In total 2,125").altCorrect());
        assertTrue(gsm8k.score(item("#### 1234"), "That is 1,234").altCorrect());
    }

    @Test
    void negativesAndFirstStrictMatch() {
        BenchmarkItem negative = item("#### -3");
        assertTrue(gsm8k.score(negative, "#### -3").correct());
        assertFalse(gsm8k.score(negative, "#### 3").correct());
        // strict takes the first "#### N", flexible the last number
        Scored s = gsm8k.score(item18, "#### 18\nQuestion: next #### 20");
        assertTrue(s.correct());
        assertFalse(s.altCorrect());
    }

    @Test
    void emptyOrNullResponsesAreWrong() {
        assertFalse(gsm8k.score(item18, null).correct());
        assertFalse(gsm8k.score(item18, "").altCorrect());
    }

    @Test
    void promptPutsTheAskedQuestionLast() {
        BenchmarkItem shot = new BenchmarkItem("t/1", "all", "One plus one?", List.of(), "#### 2", null, "1+1=2\n#### 2");
        BenchmarkItem asked = new BenchmarkItem("gsm8k/5", "all", "Two plus two?", List.of(), "#### 4", null, null);
        Prompt p = gsm8k.prompt(asked, List.of(shot), PromptMode.COMPLETIONS);
        assertEquals("Question: One plus one?\nAnswer: 1+1=2\n#### 2\n\nQuestion: Two plus two?\nAnswer:", p.text());
        assertEquals(3, p.messages().size());
        assertEquals("Question: Two plus two?\nAnswer:", p.messages().getLast().content());
        assertEquals(List.of("Question:", "</s>", "<|im_end|>"), p.stop());
    }
}
