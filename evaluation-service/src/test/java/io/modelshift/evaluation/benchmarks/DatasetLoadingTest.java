package io.modelshift.evaluation.benchmarks;

import io.modelshift.testkit.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLoadingTest {

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void mmluHfLayoutWithQuotedFieldsAndDevShots() throws IOException {
        write("mmlu/test/anatomy_test.csv", "question,choice0,choice1,choice2,choice3,answer\n"
                + "\"Which bone, if any?\",a,b,\"c, d\",e,2\nSecond?,1,2,3,4,0\n");
        write("mmlu/test/virology_test.csv", "question,choice0,choice1,choice2,choice3,answer\nV?,1,2,3,4,3\n");
        write("mmlu/dev/anatomy_dev.csv", "question,choice0,choice1,choice2,choice3,answer\nD1?,1,2,3,4,1\nD2?,1,2,3,4,0\n");
        write("mmlu/dev/virology_dev.csv", "question,choice0,choice1,choice2,choice3,answer\nVD?,1,2,3,4,1\n");
        Benchmark.Dataset data = new Mmlu().load(new DatasetSource(root.toString()), 5);
        assertEquals(3, data.items().size());
        BenchmarkItem first = data.items().getFirst();
        assertEquals("mmlu/anatomy/0", first.id());
        assertEquals("Which bone, if any?", first.question());
        assertEquals(List.of("a", "b", "c, d", "e"), first.choices());
        assertEquals("C", first.gold());
        List<BenchmarkItem> shots = data.shots().shotsFor(first, 5);
        assertEquals(2, shots.size(), "first_n of the subject's dev split");
        Prompt p = new Mmlu().prompt(first, shots, PromptMode.CHAT);
        assertEquals("system", p.messages().getFirst().role());
        assertEquals("Answer: B", p.messages().get(2).content());
        assertTrue(p.messages().getLast().content().startsWith("Which bone, if any?\nA. a\n"));
        assertTrue(p.text().endsWith("D. e\nAnswer:"));
    }

    @Test
    void malformedCsvRowIsReportedWithItsPlace() throws IOException {
        write("mmlu/test/anatomy_test.csv", "question,choice0,choice1,choice2,choice3,answer\nQ?,a,b,c,7\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Mmlu().load(new DatasetSource(root.toString()), 0));
        assertTrue(e.getMessage().contains("anatomy_test.csv row 2"), e.getMessage());
        write("mmlu/test/anatomy_test.csv", "question,choice0,choice1,choice2,choice3,answer\nQ?,a,b,c,d,E\n");
        e = assertThrows(DatasetException.class, () -> new Mmlu().load(new DatasetSource(root.toString()), 0));
        assertTrue(e.getMessage().contains("neither A-D nor 0-3"), e.getMessage());
    }

    @Test
    void malformedJsonLinesAreReported() throws IOException {
        write("gsm8k/test.jsonl", "{\"question\":\"q\",\"answer\":\"#### 1\"}\n{not json\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Gsm8k().load(new DatasetSource(root.toString()), 0));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        DatasetException absent = assertThrows(DatasetException.class,
                () -> new HumanEval(null).load(new DatasetSource(root.toString()), 0));
        assertTrue(absent.getMessage().contains("absent"), absent.getMessage());
        write("gsm8k/test.jsonl", "{\"question\":\"q\",\"answer\":\"#### 1\"}\n");
        DatasetException noTrain = assertThrows(DatasetException.class,
                () -> new Gsm8k().load(new DatasetSource(root.toString()), 5));
        assertTrue(noTrain.getMessage().contains("train"), noTrain.getMessage());
    }

    @Test
    void jmmluWithBomAndNoHeader() throws IOException {
        write("jmmlu/JMMLU/anatomy.csv", "\uFEFF\"問題１？\",甲,乙,丙,丁,B\n問題２？,甲,乙,丙,丁,D\n");
        write("jmmlu/JMMLU_NC_ND/japanese_idiom.csv", "\uFEFF慣用句？,甲,乙,丙,丁,A\n");
        Benchmark.Dataset data = new Jmmlu().load(new DatasetSource(root.toString()), 1);
        assertEquals(3, data.items().size());
        assertEquals("問題１？", data.items().getFirst().question());
        assertEquals("B", data.items().getFirst().gold());
        assertEquals("nc_nd/japanese_idiom", data.items().getLast().subject());
        assertEquals("jmmlu/anatomy/1", data.shots().shotsFor(data.items().getFirst(), 3).getFirst().id());
    }

    @Test
    void stratifiedSubsetsAreSeededAndProportional() {
        List<BenchmarkItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(new BenchmarkItem("x/" + i, i < 200 ? "big" : "small", "q" + i, List.of(), "A", null, null));
        }
        List<BenchmarkItem> a = Subsets.stratified(items, 30, 7);
        List<BenchmarkItem> b = Subsets.stratified(items, 30, 7);
        List<BenchmarkItem> c = Subsets.stratified(items, 30, 8);
        assertEquals(a, b);
        assertTrue(!a.equals(c));
        Map<String, Long> counts = a.stream().collect(Collectors.groupingBy(BenchmarkItem::subject, Collectors.counting()));
        assertEquals(20L, counts.get("big"));
        assertEquals(10L, counts.get("small"));
        assertEquals(items, Subsets.stratified(items, 0, 1), "size 0 means the whole split");
    }

    @Test
    void realDatasetsLoadWithPublishedCounts() {
        Path gsm8k = Datasets.require("gsm8k/test.jsonl");
        DatasetSource source = new DatasetSource(gsm8k.getParent().getParent().toString());
        assertEquals(1319, new Gsm8k().load(source, 0).items().size());
        List<BenchmarkItem> mmlu = new Mmlu().load(source, 5).items();
        assertEquals(14042, mmlu.size());
        assertEquals(57, mmlu.stream().map(BenchmarkItem::subject).distinct().count());
        assertEquals(164, new HumanEval(null).load(source, 0).items().size());
        List<BenchmarkItem> jmmlu = new Jmmlu().load(source, 0).items();
        assertEquals(7097 + 439, jmmlu.size());
        // the gold answers must score themselves as correct
        Gsm8k g = new Gsm8k();
        Map<Boolean, Long> self = g.load(source, 0).items().stream()
                .collect(Collectors.partitioningBy(i -> g.score(i, i.gold()).correct(), Collectors.counting()));
        assertEquals(1319L, self.get(true));
        assertTrue(mmlu.stream().map(BenchmarkItem::gold).collect(Collectors.toSet()).containsAll(List.of("A", "B", "C", "D")));
    }
}
