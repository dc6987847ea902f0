package io.modelshift.simulator.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Probability of each injected failure per request, each 0..1. Several types are rolled in declaration order and
 * the first hit wins, so {@code {"http_500":1.0}} fails every request with a 500.
 */
public record FailureRates(Map<FailureType, Double> rates) {

    public static final FailureRates NONE = new FailureRates(Map.of());

    public FailureRates {
        EnumMap<FailureType, Double> copy = new EnumMap<>(FailureType.class);
        rates.forEach((type, rate) -> {
            if (rate == null || !(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("failures." + type.wireName() + " must be in [0, 1], got " + rate);
            }
            if (rate > 0) {
                copy.put(type, rate);
            }
        });
        rates = Map.copyOf(copy);
    }

    public double rate(FailureType type) {
        return rates.getOrDefault(type, 0.0);
    }

    /** A copy with one rate changed. */
    public FailureRates with(FailureType type, double rate) {
        EnumMap<FailureType, Double> copy = new EnumMap<>(FailureType.class);
        copy.putAll(rates);
        copy.put(type, rate);
        return new FailureRates(copy);
    }

    /** Rolls each configured rate with the given uniform [0,1) source; empty when no failure hits. */
    public Optional<FailureType> roll(DoubleSupplier uniform) {
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        for (FailureType type : FailureType.values()) {
            double rate = rate(type);
            if (rate > 0 && uniform.getAsDouble() < rate) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
