package io.modelshift.evaluation.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded, subject-stratified subsets: each subject gets a share of the sample proportional to its size (largest
 * remainder), items within a subject are drawn by a seeded shuffle, and the result keeps the dataset's order so that
 * two runs with the same seed and size evaluate exactly the same items (the pairing the comparisons rely on).
 */
public final class Subsets {

    private Subsets() {
    }

    public static List<BenchmarkItem> stratified(List<BenchmarkItem> items, int size, long seed) {
        if (size <= 0 || size >= items.size()) {
            return items;
        }
        Map<String, List<Integer>> bySubject = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            bySubject.computeIfAbsent(items.get(i).subject(), k -> new ArrayList<>()).add(i);
        }
        record Share(String subject, int whole, double remainder) {
        }
        List<Share> shares = new ArrayList<>();
        int allotted = 0;
        for (var e : bySubject.entrySet()) {
            double exact = (double) size * e.getValue().size() / items.size();
            int whole = (int) Math.floor(exact);
            shares.add(new Share(e.getKey(), whole, exact - whole));
            allotted += whole;
        }
        Map<String, Integer> quota = new LinkedHashMap<>();
        shares.forEach(s -> quota.put(s.subject(), s.whole()));
        List<Share> byRemainder = new ArrayList<>(shares);
        byRemainder.sort(Comparator.comparingDouble(Share::remainder).reversed().thenComparing(Share::subject));
        for (int i = 0; allotted < size; i++, allotted++) {
            quota.merge(byRemainder.get(i % byRemainder.size()).subject(), 1, Integer::sum);
        }
        List<Integer> chosen = new ArrayList<>();
        for (var e : bySubject.entrySet()) {
            List<Integer> indices = new ArrayList<>(e.getValue());
            // per-subject seed: adding a subject to the dataset does not reshuffle the others
            java.util.Collections.shuffle(indices, new Random(seed * 31 + e.getKey().hashCode()));
            chosen.addAll(indices.subList(0, Math.min(quota.get(e.getKey()), indices.size())));
        }
        chosen.sort(Integer::compare);
        return chosen.stream().map(items::get).toList();
    }
}
