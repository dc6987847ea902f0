package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.simulator.quality.AnswerKeys;
import io.modelshift.simulator.quality.Benchmark;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality profile against small answer-key fixtures written for these tests (standard layouts). */
class QualityProfileTest {

    static Path fixtures() {
        try {
            return Path.of(QualityProfileTest.class.getResource("/answer-keys").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SimulatedVllm pod(double accuracy) {
        return SimulatedVllm.start(SimulatorConfig.defaults().withAnswerKeys(fixtures()).withAccuracy(Map.of(
                "gsm8k", accuracy, "mmlu", accuracy, "humaneval", accuracy, "jmmlu", accuracy)));
    }

    private static String complete(SimulatedVllm pod, String prompt) throws Exception {
        ObjectNode body = PodClient.JSON.createObjectNode().put("prompt", prompt).put("max_tokens", 400);
        JsonNode r = PodClient.json(new PodClient(pod).post("/v1/completions", body.toString()).body());
        return r.get("choices").get(0).get("text").asText();
    }

    private static String chat(SimulatedVllm pod, String... messages) throws Exception {
        ObjectNode body = PodClient.JSON.createObjectNode().put("max_tokens", 400);
        var array = body.putArray("messages");
        for (int i = 0; i < messages.length; i++) {
            array.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", messages[i]);
        }
        JsonNode r = PodClient.json(new PodClient(pod).post("/v1/chat/completions", body.toString()).body());
        return r.get("choices").get(0).get("message").get("content").asText();
    }

    @Test
    void loadsEveryStandardLayout() {
        Map<Benchmark, Integer> counts = AnswerKeys.load(fixtures()).counts();
        // mmlu: 4 rows of the Hugging Face layout (header, index) and 1 of the original release (no header, letter)
        assertEquals(Map.of(Benchmark.GSM8K, 3, Benchmark.MMLU, 5, Benchmark.HUMANEVAL, 2, Benchmark.JMMLU, 2),
                counts);
    }

    @Test
    void originalMmluLayoutIsAnsweredWithItsLetter() throws Exception {
        try (SimulatedVllm right = pod(1.0)) {
            assertEquals(" C", complete(right, "Which gas do plants take in for photosynthesis?\nA. Oxygen\n"
                    + "B. Nitrogen\nC. Carbon dioxide\nD. Helium\nAnswer:"));
        }
    }

    @Test
    void gsm8kLastQuestionOfAFewShotPromptIsAnsweredInTheHarnessFormat() throws Exception {
        String prompt = "Question: Tom has 5 apples and eats 2. How many apples are left?\n"
                + "Answer: Tom has 5 - 2 = 3 apples left.\n#### 3\n\n"
                + "Question: Mara buys 3 boxes of pencils. Each box holds 12 pencils. She gives 6 pencils to her "
                + "brother. How many pencils does she keep?\nAnswer:";
        try (SimulatedVllm right = pod(1.0); SimulatedVllm wrong = pod(0.0)) {
            String good = complete(right, prompt);
            assertTrue(good.startsWith(" Mara buys"), "continues after 'Answer:' with a space: " + good);
            assertTrue(good.endsWith("#### 30"), good);
            assertTrue(good.contains("36 - 6 = 30"), "worked solution without <<>> annotations: " + good);
            assertFalse(good.contains("<<"));
            String bad = complete(wrong, prompt);
            String number = bad.substring(bad.lastIndexOf("#### ") + 5);
            assertNotEquals("30", number);
            assertTrue(number.matches("-?\\d+"), bad);
            assertTrue(bad.contains("So the answer is " + number + "."), "the last number is the wrong one too");
        }
    }

    @Test
    void multipleChoiceAnswersWithTheLetter() throws Exception {
        String question = "Which planet is known as the red planet?\nA. Venus\nB. Mars\nC. Jupiter\nD. Saturn\n";
        try (SimulatedVllm right = pod(1.0); SimulatedVllm wrong = pod(0.0)) {
            assertEquals(" B", complete(right, question + "Answer:"));
            assertEquals("Answer: B", chat(right, "Answer the question.\n\n" + question));
            String bad = chat(wrong, question);
            assertTrue(bad.matches("Answer: [ACD]"), bad);
        }
    }

    @Test
    void sameQuestionTextIsToldApartByItsChoices() throws Exception {
        try (SimulatedVllm right = pod(1.0)) {
            assertEquals(" C", complete(right, "Which of the following is true?\n(A) Water boils at 50 C at sea "
                    + "level (B) Ice is heavier than water (C) The sun is a star (D) The moon is a planet\nAnswer:"));
            assertEquals(" D", complete(right, "Which of the following is true?\nA. Cats are reptiles\nB. Sound "
                    + "travels in a vacuum\nC. Paris is in Spain\nD. Two plus two is four\nAnswer:"));
        }
    }

    @Test
    void jmmluIsRecognisedDespiteSpacingAndWidth() throws Exception {
        try (SimulatedVllm right = pod(1.0)) {
            assertEquals("Answer: B", chat(right, "以下の質問に答えてください。\n日本の首都は どこか?\nA. 大阪\nB. 東京\nC. 京都\nD. 札幌"));
            assertEquals(" C", complete(right, "次のうち、哺乳類はどれか？\nA.サメ\nB.カエル\nC.クジラ\nD.ヘビ\n答え："));
        }
    }

    @Test
    void humanEvalCompletionIsTheBodyAndChatIsACodeBlock() throws Exception {
        String prompt = "\n\ndef add_two(a: int, b: int) -> int:\n    \"\"\" Return the sum of a and b.\n"
                + "    >>> add_two(2, 3)\n    5\n    \"\"\"\n";
        try (SimulatedVllm right = pod(1.0); SimulatedVllm wrong = pod(0.0)) {
            assertEquals("    return a + b\n", complete(right, prompt));
            String block = chat(right, "Complete the following function:\n" + prompt);
            assertTrue(block.contains("```python\n"), block);
            assertTrue(block.contains("def add_two(a: int, b: int) -> int:"), block);
            assertTrue(block.contains("    return a + b\n```"), block);
            String bad = complete(wrong, prompt);
            assertTrue(bad.contains("raise NotImplementedError"), bad);
        }
    }

    @Test
    void unknownPromptsGetProse() throws Exception {
        try (SimulatedVllm right = pod(1.0)) {
            String text = chat(right, "What is your favourite colour?");
            assertFalse(text.contains("####"));
            assertFalse(text.startsWith("Answer:"));
            assertTrue(text.length() > 20);
        }
    }

    @Test
    void correctnessIsFixedPerQuestionAndSeedAndFollowsTheRate() throws Exception {
        String prompt = "Question: A bakery sells 40 rolls in the morning and twice as many in the afternoon. "
                + "How many rolls does it sell in total?\nAnswer:";
        try (SimulatedVllm a = pod(0.5); SimulatedVllm b = pod(0.5)) {
            String first = complete(a, prompt);
            for (int i = 0; i < 5; i++) {
                assertEquals(first, complete(a, prompt));
                assertEquals(first, complete(b, prompt));
            }
        }
        AnswerKeys keys = AnswerKeys.load(fixtures());
        var q = keys.find(prompt).orElseThrow();
        int right = 0;
        for (long seed = 0; seed < 20_000; seed++) {
            right += q.correct(seed, 0.3) ? 1 : 0;
        }
        assertTrue(Math.abs(right / 20_000.0 - 0.3) < 0.015, "rate " + right / 20_000.0);
    }

    @Test
    void shippedProfilesDifferAndCiteSources() {
        SimulatorConfig l2 = SimulatorConfig.profile("llama-2-70b");
        SimulatorConfig l3 = SimulatorConfig.profile("llama-3-70b");
        for (String b : List.of("gsm8k", "mmlu", "humaneval", "jmmlu")) {
            assertTrue(l3.accuracy().get(b) > l2.accuracy().get(b), b);
        }
        assertEquals(0.930, l3.accuracy().get("gsm8k"), 1e-9);
        assertEquals(0.575, l2.accuracy().get("gsm8k"), 1e-9);
        assertTrue(l3.sources().stream().anyMatch(s -> s.contains("MODEL_CARD")));
        assertTrue(l2.sources().stream().anyMatch(s -> s.contains("jmmlu") && s.contains("unsourced: assumed")));
        assertEquals("meta-llama/Llama-2-70b-chat-hf", l2.model());
        assertEquals(4096, l2.maxModelLen());
        assertEquals(8192, l3.maxModelLen());
    }
}
