package io.modelshift.proxy.forwarding;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.picking.Picker;
import io.modelshift.proxy.telemetry.ProxyMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends an admitted request to the pool: picks a pod per attempt and relays the answer (see {@link Exchange}). */
@ApplicationScoped
public class Forwarder {

    final UpstreamClient upstream;
    final Picker picker;
    final ProxyMetrics metrics;
    final ProxyConfig.Forwarding config;
    final int retryAfterSeconds;

    public Forwarder(UpstreamClient upstream, Picker picker, ProxyMetrics metrics, ProxyConfig config) {
        this.upstream = upstream;
        this.picker = picker;
        this.metrics = metrics;
        this.config = config.forwarding();
        this.retryAfterSeconds = config.picking().retryAfterSeconds();
    }

    /**
     * @param body       the bytes to send (null for a GET)
     * @param request    what the relay needs to know about the request
     */
    public void forward(RoutingContext ctx, Buffer body, RelayedRequest request) {
        new Exchange(this, ctx, body, request).start();
    }

    /**
     * @param stream       the client asked for SSE: relay event by event through an {@code SseStreamTap}
     * @param stripUsage   usage was injected for the proxy's sake: drop the usage-only chunk again
     * @param shed         a saturated pool answers 429 instead of queueing more on a pod
     * @param countsTokens read usage from the answer for the token counters
     */
    public record RelayedRequest(boolean stream, boolean stripUsage, boolean shed, boolean countsTokens) {

        public static final RelayedRequest LISTING = new RelayedRequest(false, false, false, false);
    }
}
