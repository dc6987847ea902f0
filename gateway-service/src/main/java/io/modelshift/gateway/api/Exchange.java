package io.modelshift.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.openai.RequestPeek;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.api.records.TrafficRecord.ErrorType;
import io.modelshift.api.relay.UsageRequest;
import io.modelshift.gateway.access.AccessControl;
import io.modelshift.gateway.access.ApiKey;
import io.modelshift.gateway.config.GatewayConfig;
import io.modelshift.gateway.records.RecordShipper;
import io.modelshift.gateway.records.TextCapture;
import io.modelshift.gateway.routing.Assignment;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.RouteSnapshot;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.Variant;
import io.modelshift.gateway.routing.VariantAssigner;
import io.modelshift.gateway.routing.VariantTraffic;
import io.modelshift.gateway.telemetry.GatewayMetrics;
import io.modelshift.gateway.upstream.Bulkhead;
import io.modelshift.gateway.upstream.Relay;
import io.modelshift.gateway.upstream.RelayOutcome;
import io.modelshift.gateway.upstream.RelayRequest;
import io.modelshift.gateway.upstream.ShadowCall;
import io.modelshift.gateway.upstream.Upstreams;
import io.modelshift.gateway.upstream.VariantGuards;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client request after access checks: validate, resolve the route, assign the variant, relay (with shadow copy
 * when sampled), then record and count. Runs entirely on the request's event loop.
 */
final class Exchange {

    static final String OVERRIDE_HEADER = "x-modelshift-variant";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] RESPONSE_FORMAT = "\"response_format\"".getBytes(StandardCharsets.US_ASCII);

    /** The beans an exchange needs, injected once; a singleton (no client proxy) because its fields are read. */
    @Singleton
    static class Services {
        final RouteTable table;
        final VariantTraffic traffic;
        final Upstreams upstreams;
        final VariantGuards guards;
        final GatewayMetrics metrics;
        final RecordShipper records;
        final AccessControl access;
        final Map<String, Bulkhead> shadowSlots = new ConcurrentHashMap<>();

        Services(RouteTable table, VariantTraffic traffic, Upstreams upstreams, VariantGuards guards,
                 GatewayMetrics metrics, RecordShipper records, AccessControl access, GatewayConfig config) {
            this.table = table;
            this.traffic = traffic;
            this.upstreams = upstreams;
            this.guards = guards;
            this.metrics = metrics;
            this.records = records;
            this.access = access;
        }

        Bulkhead shadowSlots(Route route) {
            return shadowSlots.computeIfAbsent(route.name(), r -> new Bulkhead(route.shadow().maxConcurrent()));
        }
    }

    private final Services s;
    private final RoutingContext ctx;
    private final Endpoint endpoint;
    private final ApiKey key;
    private final String id;
    private final long receivedAt;
    private final Instant time = Instant.now();
    private final byte[] body;
    private RequestPeek peek;
    private Assignment assignment;
    private String shadowPairId;
    private boolean sampleText;

    Exchange(Services services, RoutingContext ctx, Endpoint endpoint, ApiKey key, String id, long receivedAt,
             byte[] body) {
        this.s = services;
        this.ctx = ctx;
        this.endpoint = endpoint;
        this.key = key;
        this.id = id;
        this.receivedAt = receivedAt;
        this.body = body;
    }

    void run() {
        try {
            peek = RequestPeek.of(body);
            validate();
            assignment = assign();
        } catch (InvalidRequestException e) {
            reject(e.error());
            return;
        }
        Route route = assignment.route();
        Variant variant = assignment.variant();
        ctx.response().putHeader("x-request-id", id);
        double sampleRate = s.records.textSampleRate();
        sampleText = sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate;
        boolean stream = endpoint.generates && peek.stream();
        Map<String, byte[]> bodies = new ConcurrentHashMap<>(2);
        RelayRequest request = new RelayRequest(endpoint.path, stream, stream && !peek.includeUsage(),
                v -> bodies.computeIfAbsent(v.name(), n -> upstreamBody(v, stream)), id);
        Variant shadowTarget = route.shadowTarget(variant);
        Bulkhead shadowSlots = null;
        if (shadowTarget != null && ThreadLocalRandom.current().nextDouble() < route.shadow().fraction()) {
            shadowSlots = s.shadowSlots(route);
            if (shadowSlots.tryAcquire()) {
                shadowPairId = id;
            } else {
                shadowSlots = null;
            }
        }
        new Relay(s.upstreams, s.guards, s.metrics::fallback, ctx.response(), request, route, variant,
                !assignment.pinned(), receivedAt, sampleText, this::finished).start();
        if (shadowPairId != null) {
            Bulkhead slots = shadowSlots;
            new ShadowCall(s.upstreams, shadowTarget, request, sampleText, r -> {
                slots.release();
                shadowFinished(r);
            }).start();
        }
    }

    private void validate() {
        if (peek.model() == null || peek.model().isBlank()) {
            throw new InvalidRequestException(OpenAiError.badRequest("You must provide a model parameter.",
                    "model", "missing_model"));
        }
        if (!peek.hasPrompt()) {
            throw new InvalidRequestException(OpenAiError.badRequest("Missing required parameter: '"
                    + endpoint.inputField + "'.", endpoint.inputField, "missing_required_parameter"));
        }
        if (peek.maxTokens() != null && peek.maxTokens() < 1) {
            throw new InvalidRequestException(OpenAiError.badRequest("max_tokens must be at least 1, got "
                    + peek.maxTokens() + ".", "max_tokens", "invalid_value"));
        }
        if (peek.n() < 1) {
            throw new InvalidRequestException(OpenAiError.badRequest("n must be at least 1.", "n",
                    "invalid_value"));
        }
        if (key.maxTokens() > 0 && peek.maxTokens() != null && peek.maxTokens() > key.maxTokens()) {
            throw new InvalidRequestException(OpenAiError.badRequest("max_tokens " + peek.maxTokens()
                    + " exceeds this key's cap of " + key.maxTokens() + ".", "max_tokens", "max_tokens_too_large"));
        }
    }

    private Assignment assign() {
        RouteSnapshot snapshot = s.table.snapshot();
        RouteSnapshot.Target target = snapshot.resolve(peek.model());
        if (target == null) {
            throw new InvalidRequestException(OpenAiError.notFound("The model '" + peek.model()
                    + "' does not exist or you do not have access to it.", "model", "model_not_found"));
        }
        Route route = target.route();
        if (!key.mayUse(route.name())) {
            throw new InvalidRequestException(OpenAiError.forbidden("This key may not use the model '"
                    + peek.model() + "'."));
        }
        Variant pinned = target.pinned();
        String override = ctx.request().getHeader(OVERRIDE_HEADER);
        if (override != null && !override.isBlank()) {
            if (!key.mayPinVariants()) {
                throw new InvalidRequestException(OpenAiError.forbidden("The " + OVERRIDE_HEADER
                        + " header needs a key with the tester or admin role."));
            }
            pinned = route.variant(override.trim());
            if (pinned == null) {
                throw new InvalidRequestException(OpenAiError.badRequest("Route '" + route.name()
                        + "' has no variant '" + override.trim() + "'.", OVERRIDE_HEADER, "unknown_variant"));
            }
        }
        return VariantAssigner.assign(route, pinned, stickyKey(route));
    }

    private String stickyKey(Route route) {
        return switch (route.stickiness().kind()) {
            case HEADER -> ctx.request().getHeader(route.stickiness().header());
            case USER -> peek.user();
            case API_KEY -> key.id();
            case NONE -> null;
        };
    }

    /** The body for a variant: its model name, usage forced for streams, this key's max_tokens cap filled in. */
    private byte[] upstreamBody(Variant v, boolean stream) {
        String model = v.upstreamModel() != null ? v.upstreamModel() : v.name();
        byte[] rewritten = UsageRequest.rewrite(body, model.equals(peek.model()) ? null : model,
                stream && !peek.includeUsage());
        if (endpoint.generates && key.maxTokens() > 0 && peek.maxTokens() == null) {
            try {
                ObjectNode tree = (ObjectNode) JSON.readTree(rewritten);
                tree.put("max_tokens", key.maxTokens());
                return JSON.writeValueAsBytes(tree);
            } catch (IOException e) {
                throw new IllegalStateException("a body that was valid JSON became unreadable", e);
            }
        }
        return rewritten;
    }

    private void reject(OpenAiError error) {
        Replies.error(ctx.response(), error, id);
        s.metrics.rejected(error.status(), String.valueOf(error.code()));
        long now = System.nanoTime();
        s.records.offer(record(peek == null ? null : peek.model(), null, null, error.status(), ErrorType.CLIENT,
                String.valueOf(error.code()), now, -1, -1, -1, null, -1, false, null, now - receivedAt, null, null));
    }

    private void finished(RelayOutcome o) {
        Route route = assignment.route();
        Variant v = o.variant();
        s.traffic.count(route.name(), v.name());
        s.metrics.of(route.name(), v.name()).request(outcome(o.errorType()), o.endNanos() - receivedAt,
                o.ttftNanos(), o.promptTokens(), o.completionTokens());
        s.metrics.overhead(o.overheadNanos());
        long tokens = Math.max(0, o.promptTokens()) + Math.max(0, o.completionTokens());
        s.access.chargeTokens(key, tokens);
        boolean stream = endpoint.generates && peek.stream();
        String promptText = sampleText ? s.records.recordable(TextCapture.prompt(body)) : null;
        String completionText = sampleText
                ? s.records.recordable(TextCapture.completion(o.responseBody(), stream)) : null;
        s.records.offer(record(route.name(), v, null, o.status(), o.errorType(), o.errorCode(), o.endNanos(),
                o.ttftNanos(), o.promptTokens(), o.completionTokens(), o.finishReason(), assignment.bucket(), false,
                o.fallbackFrom(), o.overheadNanos(), promptText, completionText));
    }

    private void shadowFinished(ShadowCall.Result r) {
        Route route = assignment.route();
        ErrorType type = r.error() == null && r.status() < 400 ? ErrorType.NONE
                : r.status() >= 400 && r.status() < 500 && r.status() != 429 ? ErrorType.CLIENT : ErrorType.UPSTREAM;
        s.metrics.of(route.name(), r.variant().name()).shadow(outcome(type));
        boolean stream = endpoint.generates && peek.stream();
        String promptText = sampleText ? s.records.recordable(TextCapture.prompt(body)) : null;
        String completionText = sampleText ? s.records.recordable(TextCapture.completion(r.body(), stream)) : null;
        s.records.offer(record(route.name(), r.variant(), id + "-shadow", r.status(), type, r.error(), r.endNanos(),
                r.ttftNanos(), r.promptTokens(), r.completionTokens(), r.finishReason(), assignment.bucket(), true,
                null, 0, promptText, completionText));
    }

    private TrafficRecord record(String route, Variant v, String recordId, int status, ErrorType type, String code,
                                 long endNanos, long ttftNanos, long prompt, long completion, String finish,
                                 int bucket, boolean shadow, String fallbackFrom, long overheadNanos, String promptText,
                                 String completionText) {
        String upstreamModel = v == null ? null : v.upstreamModel() != null ? v.upstreamModel() : v.name();
        return new TrafficRecord(recordId == null ? id : recordId, time, key.tenant(), key.id(), route,
                v == null ? null : v.name(), upstreamModel, endpoint.recordName, peek != null && peek.stream(),
                status, type, code, (endNanos - receivedAt) / 1e6, ttftNanos < 0 ? -1 : ttftNanos / 1e6, prompt,
                completion, finish, bucket, shadowPairId, shadow, fallbackFrom != null, fallbackFrom,
                overheadNanos / 1e6, promptText, completionText, requestedJson());
    }

    private boolean requestedJson() {
        int at = indexOf(body, RESPONSE_FORMAT);
        if (at < 0) {
            return false;
        }
        String tail = new String(body, at, Math.min(120, body.length - at), StandardCharsets.UTF_8);
        return tail.contains("json");
    }

    private static int indexOf(byte[] b, byte[] needle) {
        outer:
        for (int i = 0; i <= b.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static GatewayMetrics.Outcome outcome(ErrorType type) {
        return switch (type) {
            case NONE -> GatewayMetrics.Outcome.SUCCESS;
            case CLIENT -> GatewayMetrics.Outcome.CLIENT_ERROR;
            case GATEWAY -> GatewayMetrics.Outcome.GATEWAY_ERROR;
            case UPSTREAM -> GatewayMetrics.Outcome.UPSTREAM_ERROR;
        };
    }
}
