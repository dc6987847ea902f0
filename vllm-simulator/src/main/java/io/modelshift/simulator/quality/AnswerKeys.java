package io.modelshift.simulator.quality;

import io.modelshift.api.datasets.CsvRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The benchmark questions a pod recognises, read from a datasets folder in the standard layout:
 * {@code gsm8k/test.jsonl}, {@code mmlu/test/<subject>_test.csv} (header and 0-based answer index, or the original
 * release's headerless layout with answer letters),
 * {@code humaneval/HumanEval.jsonl}, {@code jmmlu/JMMLU/*.csv} and {@code jmmlu/JMMLU_NC_ND/*.csv} (no header,
 * answer letter). Absent benchmarks are skipped.
 *
 * <p>Lookup finds the LAST known question in a prompt (few-shot prompts put the asked question last): each question
 * is indexed by the first {@value #KEY_CHARS} characters of its normalised text; the normalised prompt is scanned
 * backwards, candidates are verified in full, and for multiple choice the options must follow the question.
 */
public final class AnswerKeys {

    public static final AnswerKeys EMPTY = new AnswerKeys(List.of());

    static final int KEY_CHARS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, AnswerKeys> LOADED = new ConcurrentHashMap<>();

    /** Questions by the hash of their key (see {@link KeyHash}); keys whose hashes collide share a list. */
    private final KeyHash.Table<List<KnownQuestion>> byHash;
    private final boolean empty;
    private final int[] keyLengths;
    private final Map<Benchmark, Integer> counts = new EnumMap<>(Benchmark.class);

    AnswerKeys(List<KnownQuestion> questions) {
        TreeSet<Integer> lengths = new TreeSet<>(Comparator.reverseOrder());
        Map<Long, List<KnownQuestion>> grouped = new HashMap<>();
        for (KnownQuestion q : questions) {
            if (q.question().isEmpty()) {
                continue;
            }
            String key = key(q.question());
            grouped.computeIfAbsent(KeyHash.of(key), k -> new ArrayList<>()).add(q);
            lengths.add(key.length());
            counts.merge(q.benchmark(), 1, Integer::sum);
        }
        keyLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
        byHash = new KeyHash.Table<>(grouped.size());
        grouped.forEach(byHash::put);
        empty = grouped.isEmpty();
    }

    /** Loads (once per folder and JVM: several pods in one test share it) the answer keys under a datasets folder. */
    public static AnswerKeys load(Path folder) {
        if (folder == null) {
            return EMPTY;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("answer keys folder does not exist: " + folder);
        }
        return LOADED.computeIfAbsent(folder.toAbsolutePath().normalize(), AnswerKeys::read);
    }

    /** How many questions of each benchmark were loaded. */
    public Map<Benchmark, Integer> counts() {
        return Map.copyOf(counts);
    }

    public int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The last known question the prompt asks, if any. */
    public Optional<KnownQuestion> find(String prompt) {
        if (empty || prompt == null || prompt.isEmpty()) {
            return Optional.empty();
        }
        String text = Normalized.of(prompt);
        // Prefix hashes make every window's hash O(1) and allocation-free; a per-window substring and HashMap
        // lookup for each key length cost ~100 us per GSM8K prompt and dominated the zero-latency pod's CPU.
        long[] prefix = KeyHash.prefixes(text);
        for (int at = text.length() - 1; at >= 0; at--) {
            KnownQuestion best = null;
            for (int len : keyLengths) {
                if (at + len > text.length()) {
                    continue;
                }
                List<KnownQuestion> candidates = byHash.get(KeyHash.window(prefix, at, len));
                if (candidates == null) {
                    continue;
                }
                for (KnownQuestion q : candidates) {
                    // the hash only selects candidates: matches() compares the text itself
                    if (matches(text, at, q) && (best == null || q.question().length() > best.question().length())) {
                        best = q;
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String text, int at, KnownQuestion q) {
        if (!text.startsWith(q.question(), at)) {
            return false;
        }
        int from = at + q.question().length();
        for (String choice : q.choices()) {
            int found = text.indexOf(choice, from);
            if (found < 0) {
                return false;
            }
            from = found + choice.length();
        }
        return true;
    }

    private static String key(String normalized) {
        return normalized.length() <= KEY_CHARS ? normalized : normalized.substring(0, KEY_CHARS);
    }

    private static AnswerKeys read(Path folder) {
        List<KnownQuestion> all = new ArrayList<>();
        try {
            readGsm8k(folder.resolve("gsm8k/test.jsonl"), all);
            readMmlu(folder.resolve("mmlu/test"), all);
            readHumanEval(folder.resolve("humaneval/HumanEval.jsonl"), all);
            readJmmlu(folder.resolve("jmmlu/JMMLU"), all);
            readJmmlu(folder.resolve("jmmlu/JMMLU_NC_ND"), all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read answer keys under " + folder, e);
        }
        return new AnswerKeys(all);
    }

    private static void readGsm8k(Path file, List<KnownQuestion> out) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(lines.get(i));
            String solution = row.path("answer").asText();
            int mark = solution.lastIndexOf("####");
            if (mark < 0) {
                throw new IOException(file + " line " + (i + 1) + ": answer has no '#### <number>'");
            }
            String reasoning = solution.substring(0, mark).replaceAll("<<[^>]*>>", "").strip();
            out.add(new KnownQuestion(Benchmark.GSM8K, "gsm8k/" + i, Normalized.of(row.path("question").asText()),
                    List.of(), solution.substring(mark + 4).strip(), reasoning));
        }
    }

    private static void readMmlu(Path dir, List<KnownQuestion> out) throws IOException {
        for (Path file : csvFiles(dir)) {
            List<List<String>> rows = CsvRecords.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            String subject = file.getFileName().toString().replaceFirst("_test\\.csv$", "");
            // the Hugging Face layout has a header and a 0-based answer index; the original release (data.tar) has
            // neither header nor index: its answer is a letter
            boolean header = !rows.isEmpty() && rows.getFirst().getFirst().strip().equalsIgnoreCase("question");
            for (int r = header ? 1 : 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                String answer = row.size() < 6 ? "" : row.get(5).strip();
                if (!answer.matches("[0-3]|[ABCD]")) {
                    throw new IOException(file + " row " + r + ": expected question, 4 choices, answer (0-3 or A-D)");
                }
                String letter = answer.matches("[0-3]") ? String.valueOf("ABCD".charAt(Integer.parseInt(answer)))
                        : answer;
                out.add(multipleChoice(Benchmark.MMLU, "mmlu/" + subject + "/" + (header ? r - 1 : r), row, letter));
            }
        }
    }

    private static void readJmmlu(Path dir, List<KnownQuestion> out) throws IOException {
        for (Path file : csvFiles(dir)) {
            List<List<String>> rows = CsvRecords.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            String subject = file.getFileName().toString().replaceFirst("\\.csv$", "");
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() < 6 || !row.get(5).strip().matches("[ABCD]")) {
                    throw new IOException(file + " row " + r + ": expected question, 4 choices, answer letter");
                }
                out.add(multipleChoice(Benchmark.JMMLU, "jmmlu/" + subject + "/" + r, row, row.get(5).strip()));
            }
        }
    }

    private static KnownQuestion multipleChoice(Benchmark b, String id, List<String> row, String letter) {
        List<String> choices = new ArrayList<>();
        for (int c = 1; c <= 4; c++) {
            choices.add(Normalized.of(row.get(c)));
        }
        return new KnownQuestion(b, id, Normalized.of(row.get(0)), choices, letter, "");
    }

    private static void readHumanEval(Path file, List<KnownQuestion> out) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            String prompt = row.path("prompt").asText();
            out.add(new KnownQuestion(Benchmark.HUMANEVAL, row.path("task_id").asText(), Normalized.of(prompt),
                    List.of(), row.path("canonical_solution").asText(), prompt));
        }
    }

    private static List<Path> csvFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }
}
