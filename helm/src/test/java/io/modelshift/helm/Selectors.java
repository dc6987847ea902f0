package io.modelshift.helm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Equality-based Kubernetes label selectors ("a=b,c=d"), as the inference-proxy takes them. */
final class Selectors {

    private Selectors() {
    }

    static Map<String, String> parse(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("not an equality selector term: " + term);
            }
            labels.put(kv[0].trim(), kv[1].trim());
        }
        return labels;
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }
}
