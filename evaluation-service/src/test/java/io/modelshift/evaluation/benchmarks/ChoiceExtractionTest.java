package io.modelshift.evaluation.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChoiceExtractionTest {

    @Test
    void answerPrefixWins() {
        assertEquals("B", ChoiceExtraction.extract("Let me think.\nAnswer: B"));
        assertEquals("C", ChoiceExtraction.extract("**Answer:** C"));
        assertEquals("D", ChoiceExtraction.extract("answer:(D) because ..."));
        assertEquals("A", ChoiceExtraction.extract("The best answer is A."));
        assertEquals("B", ChoiceExtraction.extract("Answer: $\\boxed{B}$"));
    }

    @Test
    void firstLineRuleOfMmluGenerative() {
        assertEquals("B", ChoiceExtraction.extract("B"));
        assertEquals("B", ChoiceExtraction.extract(" b.\nsome explanation"));
        assertEquals(RegexFilter.INVALID, ChoiceExtraction.extract("B. Paris"), "lm-eval does not score 'B. Paris'");
        assertEquals(RegexFilter.INVALID, ChoiceExtraction.extract("I am not sure"));
        assertEquals(RegexFilter.INVALID, ChoiceExtraction.extract(""));
    }

    @Test
    void japaneseFullWidthIsNormalised() {
        assertEquals("B", ChoiceExtraction.extract("考え方：…\n答え：Ｂ"));
        assertEquals("C", ChoiceExtraction.extract("答え:　Ｃ"));
        assertEquals("A", ChoiceExtraction.extract("正解はAです。"));
        assertEquals("D", ChoiceExtraction.extract("Ｄ"));
    }
}
