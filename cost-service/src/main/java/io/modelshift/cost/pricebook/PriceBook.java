package io.modelshift.cost.pricebook;

import io.modelshift.api.openai.InvalidRequestException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Model prices by name, plus aliases from served model names (what the gateway writes upstream, e.g.
 * {@code meta-llama/Meta-Llama-3-70B-Instruct}) to priced entries.
 *
 * @param origin  where the book was loaded from
 * @param entries the priced models by key
 * @param aliases served name to entry key
 * @param skipped keys of the source file without a usable per-token price (images, audio, embeddings...) and why
 */
public record PriceBook(String origin, Map<String, PriceEntry> entries, Map<String, String> aliases,
                        Map<String, String> skipped) {

    private static final int LISTED_IN_ERRORS = 40;

    public PriceBook {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (!entries.containsKey(alias.getValue())) {
                throw new IllegalArgumentException("alias '" + alias.getKey() + "' points to '" + alias.getValue()
                        + "', which is not in the price book");
            }
        }
    }

    public Optional<PriceEntry> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        PriceEntry direct = entries.get(name);
        if (direct != null) {
            return Optional.of(direct);
        }
        String target = aliases.get(name);
        if (target != null) {
            return Optional.of(entries.get(target));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return entries.values().stream().filter(e -> e.model().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    /** The entry for a model name or alias, or a 400/404 error that lists the known names. */
    public PriceEntry require(String name, String param, boolean notFound) {
        return find(name).orElseThrow(() -> {
            if (name != null && skipped.containsKey(name)) {
                String message = "Model '" + name + "' is in the price book but has no usable per-token price: "
                        + skipped.get(name) + ".";
                return notFound ? InvalidRequestException.notFound(message, param, "model_not_priced")
                        : InvalidRequestException.badRequest(message, param, "model_not_priced");
            }
            String message = "Unknown model '" + name + "'. Known models: " + knownNear(name) + ".";
            return notFound ? InvalidRequestException.notFound(message, param, "model_not_found")
                    : InvalidRequestException.badRequest(message, param, "model_not_found");
        });
    }

    /** All known names when there are few; otherwise the ones that share a word with the unknown name. */
    String knownNear(String name) {
        List<String> all = new ArrayList<>(entries.keySet());
        all.addAll(aliases.keySet());
        Collections.sort(all);
        if (all.size() <= LISTED_IN_ERRORS) {
            return String.join(", ", all);
        }
        String[] words = String.valueOf(name).toLowerCase(Locale.ROOT).split("[^a-z0-9.]+");
        List<String> near = all.stream()
                .filter(k -> {
                    String lower = k.toLowerCase(Locale.ROOT);
                    for (String w : words) {
                        if (w.length() >= 3 && lower.contains(w)) {
                            return true;
                        }
                    }
                    return false;
                })
                .limit(LISTED_IN_ERRORS).toList();
        List<String> shown = near.isEmpty() ? all.subList(0, LISTED_IN_ERRORS) : near;
        return String.join(", ", shown) + " (" + shown.size() + " of " + all.size()
                + " shown; GET /v1/pricebook lists all)";
    }
}
