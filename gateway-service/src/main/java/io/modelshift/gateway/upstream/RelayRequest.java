package io.modelshift.gateway.upstream;

import io.modelshift.gateway.routing.Variant;

import java.util.function.Function;

/**
 * What to relay: the endpoint, and the body as it must be sent to a given variant (model name rewritten, usage
 * forced for streams).
 *
 * @param endpointPath       e.g. {@code /chat/completions}, appended to the variant's base URL
 * @param stream             whether the client asked for a stream
 * @param stripUsageChunk    whether to drop the usage chunk on the way back (the client did not ask for it)
 * @param bodyFor            the body for a variant
 * @param requestId          sent upstream as {@code x-request-id}
 */
public record RelayRequest(String endpointPath, boolean stream, boolean stripUsageChunk,
                           Function<Variant, byte[]> bodyFor, String requestId) {
}
