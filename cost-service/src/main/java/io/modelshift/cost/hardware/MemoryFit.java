package io.modelshift.cost.hardware;

import io.modelshift.api.openai.InvalidRequestException;

import java.util.Locale;

/**
 * Whether a model fits a replica: weights plus the KV cache for the configured context and concurrency must fit in
 * the GPUs' memory, less the share the engine keeps for itself (vLLM's {@code gpu_memory_utilization}, 0.9).
 *
 * @param weightsGB         weights in GB (1e9 bytes)
 * @param kvCacheGB         KV cache for {@code contextTokens × concurrentSequences}
 * @param neededGB          weights + KV cache
 * @param usableGB          GPUs × memory × memory utilisation
 * @param contextTokens     tokens per sequence the KV cache is sized for
 * @param concurrentSequences sequences held at once
 * @param fits              needed ≤ usable
 */
public record MemoryFit(double weightsGB, double kvCacheGB, double neededGB, double usableGB, int contextTokens,
                        int concurrentSequences, boolean fits) {

    public static final double GPU_MEMORY_UTILISATION = 0.9;
    private static final double GIB = 1024.0 * 1024 * 1024;

    public static MemoryFit of(ModelArchitecture model, HardwareProfile profile, int contextTokens,
                               int concurrentSequences) {
        if (contextTokens <= 0 || concurrentSequences <= 0) {
            throw InvalidRequestException.badRequest("contextTokens and concurrentSequences must be > 0", "contextTokens",
                    "invalid_value");
        }
        double weights = model.weightBytes(profile.weightPrecision()) / 1e9;
        double kv = model.kvBytesPerToken() * contextTokens * concurrentSequences / 1e9;
        double usable = profile.gpusPerReplica() * profile.gpuMemoryGiB() * GIB * GPU_MEMORY_UTILISATION / 1e9;
        return new MemoryFit(weights, kv, weights + kv, usable, contextTokens, concurrentSequences,
                weights + kv <= usable);
    }

    /** Rejects a replica the model does not fit, saying how much memory it needs. */
    public MemoryFit require(ModelArchitecture model, HardwareProfile profile, String param) {
        if (!fits) {
            throw InvalidRequestException.badRequest(String.format(Locale.ROOT,
                    "%s in %s does not fit %d x %s: it needs %.1f GB (weights %.1f GB + KV cache %.1f GB for %d tokens x %d sequences) "
                            + "but the replica has %.1f GB usable (%d x %.0f GiB x %.2f). Use more GPUs per replica, "
                            + "bigger GPUs or a lower precision.",
                    model.id(), profile.weightPrecision().name().toLowerCase(Locale.ROOT), profile.gpusPerReplica(),
                    profile.gpu(), neededGB, weightsGB, kvCacheGB, contextTokens, concurrentSequences, usableGB,
                    profile.gpusPerReplica(), profile.gpuMemoryGiB(), GPU_MEMORY_UTILISATION),
                    param, "model_does_not_fit");
        }
        return this;
    }
}
