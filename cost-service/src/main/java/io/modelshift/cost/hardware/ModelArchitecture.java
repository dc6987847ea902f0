package io.modelshift.cost.hardware;

import java.util.List;

/**
 * The shape of a model that decides its memory needs.
 *
 * @param id             catalogue key, e.g. {@code llama-3-70b}
 * @param paramsBillions parameter count in billions
 * @param layers         transformer layers
 * @param kvHeads        key/value heads (fewer than attention heads with grouped-query attention)
 * @param headDim        dimension per head
 * @param aliases        served names of this model
 * @param source         where the shape comes from
 */
public record ModelArchitecture(String id, double paramsBillions, int layers, int kvHeads, int headDim,
                                List<String> aliases, String source) {

    /** KV cache bytes per token: keys and values, every layer, every KV head, fp16 cache (2 bytes). */
    public static final double KV_CACHE_BYTES = 2;

    public ModelArchitecture {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (!(paramsBillions > 0) || layers <= 0 || kvHeads <= 0 || headDim <= 0) {
            throw new IllegalArgumentException("model '" + id + "': paramsBillions, layers, kvHeads and headDim must be > 0");
        }
    }

    public double weightBytes(Precision precision) {
        return paramsBillions * 1e9 * precision.bytesPerParameter();
    }

    public double kvBytesPerToken() {
        return 2.0 * layers * kvHeads * headDim * KV_CACHE_BYTES;
    }
}
