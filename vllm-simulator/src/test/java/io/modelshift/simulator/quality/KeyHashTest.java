package io.modelshift.simulator.quality;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class KeyHashTest {

    @Test
    void everyWindowHashesLikeItsSubstring() {
        String text = "question:janet’sduckslay16eggsperday.次のうち正しいものはどれか?answer:";
        long[] prefixes = KeyHash.prefixes(text);
        for (int len = 1; len <= AnswerKeys.KEY_CHARS; len++) {
            for (int at = 0; at + len <= text.length(); at++) {
                assertEquals(KeyHash.of(text.substring(at, at + len)), KeyHash.window(prefixes, at, len),
                        "window at " + at + " of length " + len);
            }
        }
    }

    @Test
    void tableFindsWhatWasPutAndNothingElse() {
        KeyHash.Table<List<String>> table = new KeyHash.Table<>(1000);
        SplittableRandom random = new SplittableRandom(7);
        long[] keys = new long[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
            table.put(keys[i], List.of("v" + i));
        }
        for (int i = 0; i < keys.length; i++) {
            assertEquals(List.of("v" + i), table.get(keys[i]));
        }
        assertNull(table.get(random.nextLong()));
        List<String> replaced = List.of("new");
        table.put(keys[3], replaced);
        assertSame(replaced, table.get(keys[3]));
    }

    @Test
    void findsTheLastQuestionAmongPrefixSharingKeys() {
        KnownQuestion a = new KnownQuestion(Benchmark.GSM8K, "a", Normalized.of("Which of the following is red?"),
                List.of(), "1", "");
        KnownQuestion b = new KnownQuestion(Benchmark.GSM8K, "b", Normalized.of("Which of the following is blue?"),
                List.of(), "2", "");
        KnownQuestion shortOne = new KnownQuestion(Benchmark.GSM8K, "c", Normalized.of("Keynes"), List.of(), "3", "");
        AnswerKeys keys = new AnswerKeys(List.of(a, b, shortOne));
        assertEquals("b", keys.find("Q: Which of the following is red?\nQ: Which of the following is BLUE?")
                .orElseThrow().id());
        assertEquals("a", keys.find("Q: Which of the following is red? A:").orElseThrow().id());
        assertEquals("c", keys.find("Which of the following is green? Keynes").orElseThrow().id());
        assertEquals(java.util.Optional.empty(), keys.find("Which of the following is green?"));
    }
}
