package io.modelshift.cost.hardware;

import io.modelshift.api.openai.InvalidRequestException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The number format of the served weights, and so their bytes per parameter. */
public enum Precision {
    FP32(4), FP16(2), BF16(2), FP8(1), INT8(1), INT4(0.5);

    private final double bytesPerParameter;

    Precision(double bytesPerParameter) {
        this.bytesPerParameter = bytesPerParameter;
    }

    public double bytesPerParameter() {
        return bytesPerParameter;
    }

    public static Precision parse(String value, String param) {
        if (value == null || value.isBlank()) {
            return FP16;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.badRequest("Unknown precision '" + value + "'. Known: "
                    + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")) + ".", param, "unknown_precision");
        }
    }
}
