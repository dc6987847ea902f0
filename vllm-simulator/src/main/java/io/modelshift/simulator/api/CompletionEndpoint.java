package io.modelshift.simulator.api;

import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.simulator.SimulatorConfig;
import io.modelshift.simulator.engine.ChoicePlan;
import io.modelshift.simulator.engine.Generation;
import io.modelshift.simulator.engine.Scheduler;
import io.modelshift.simulator.faults.FailureType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions}: injected failure first, then validation
 * (400/404), then a planned answer is generated through the scheduler (429 when the waiting queue is full) and
 * written as one JSON object or as an SSE stream.
 */
final class CompletionEndpoint {

    static final String FAIL_HEADER = "x-sim-fail";

    private final Pod pod;

    CompletionEndpoint(Pod pod) {
        this.pod = pod;
    }

    void handle(HttpServerRequest request, boolean chat) {
        request.body()
                .onSuccess(body -> serve(request, body, chat))
                .onFailure(e -> request.connection().close());
    }

    private void serve(HttpServerRequest request, Buffer body, boolean chat) {
        SimulatorConfig c = pod.config();
        FailureType failure;
        CompletionRequest req;
        try {
            failure = failure(request, c).orElse(null);
            if (failure != null && failInstead(request, failure, c)) {
                return;
            }
            req = RequestParser.parse(body.getBytes(), chat);
            checkModel(req, c);
        } catch (InvalidRequestException e) {
            Endpoints.error(request, e.error());
            return;
        }
        List<ChoicePlan> plans = plan(req, c);
        StreamFault fault = failure == FailureType.STREAM_ERROR || failure == FailureType.STREAM_CUT
                ? new StreamFault(failure, Math.max(1, plans.get(0).pieces().size() / 2)) : StreamFault.none();
        double extraDelay = failure == FailureType.LATENCY_SPIKE ? c.latencySpikeMs() : 0;
        ResponseJson.Header header = new ResponseJson.Header(chat, (chat ? "chatcmpl-" : "cmpl-") + randomId(),
                System.currentTimeMillis() / 1000, c.model());

        StreamingSink streaming = req.stream() ? new StreamingSink(request, req, header, fault) : null;
        AnswerSink sink = streaming != null ? streaming : new BufferedSink(request, req, header, fault);
        if (streaming != null) {
            streaming.prepare();
        }
        Generation g = new Generation(pod.vertx(), pod.scheduler(), pod::config, pod.metrics(), plans,
                req.promptTokens(), extraDelay, sink);
        sink.attach(g);
        request.response().closeHandler(v -> g.cancel());
        Scheduler.Admission admission = pod.scheduler().submit(g);
        if (admission == Scheduler.Admission.REJECTED) {
            Endpoints.error(request, VllmErrors.of(429,
                    "Failed to enqueue request, waiting requests queue is full.", null));
        } else if (streaming != null) {
            streaming.flushHead();
        }
    }

    /** The failure to inject: the {@code x-sim-fail} header wins, else the configured rates are rolled. */
    private static Optional<FailureType> failure(HttpServerRequest request, SimulatorConfig c) {
        String forced = request.getHeader(FAIL_HEADER);
        if (forced != null && !forced.isBlank()) {
            return Optional.of(FailureType.fromWireName(forced).orElseThrow(() -> VllmErrors.badRequest(
                    "Unknown " + FAIL_HEADER + " value '" + forced + "'; use one of http_500, http_503, http_429, "
                            + "reset, latency_spike, stream_error, stream_cut.", FAIL_HEADER)));
        }
        return c.failures().roll(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** Answers at once for the failures that need no generation; false for the others. */
    private static boolean failInstead(HttpServerRequest request, FailureType failure, SimulatorConfig c) {
        switch (failure) {
            case HTTP_500 -> Endpoints.error(request, VllmErrors.of(500,
                    "Simulated internal server error (http_500).", null));
            case HTTP_503 -> Endpoints.error(request, VllmErrors.of(503,
                    "The server is overloaded or not ready yet.", null));
            case HTTP_429 -> Endpoints.error(request, VllmErrors.of(429,
                    "Rate limit reached for " + c.model() + " (simulated http_429).", null));
            case RESET -> request.connection().close();
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void checkModel(CompletionRequest req, SimulatorConfig c) {
        if (req.model() != null && !req.model().equals(c.model())) {
            throw new InvalidRequestException(VllmErrors.modelNotFound(req.model()));
        }
        String what = req.chat() ? "messages" : "prompt";
        for (CompletionRequest.Prompt p : req.prompts()) {
            if (p.tokens() >= c.maxModelLen()) {
                throw VllmErrors.badRequest("This model's maximum context length is " + c.maxModelLen()
                        + " tokens. However, your request has " + p.tokens() + " input tokens. Please reduce "
                        + "the length of the input " + what + ".", what);
            }
            if (req.maxTokens() != null && p.tokens() + (long) req.maxTokens() > c.maxModelLen()) {
                throw VllmErrors.badRequest("This model's maximum context length is " + c.maxModelLen()
                        + " tokens. However, you requested " + (p.tokens() + (long) req.maxTokens())
                        + " tokens (" + p.tokens() + " in the " + what + ", " + req.maxTokens()
                        + " in the completion). Please reduce the length of the " + what + " or completion.",
                        "max_tokens");
            }
        }
    }

    /** Each choice's answer, cut to max_tokens (default: the rest of the context window) and the stop strings. */
    private List<ChoicePlan> plan(CompletionRequest req, SimulatorConfig c) {
        List<ChoicePlan> plans = new ArrayList<>(req.choices());
        for (int i = 0; i < req.choices(); i++) {
            CompletionRequest.Prompt prompt = req.promptOf(i);
            long base = req.seed() != null
                    ? req.seed() * 0x9E3779B97F4A7C15L ^ prompt.text().hashCode()
                    : ThreadLocalRandom.current().nextLong();
            SplittableRandom random = new SplittableRandom(base + (i % req.n()) * 0xBF58476D1CE4E5B9L);
            String answer = pod.responder().answer(prompt.text(), req.chat(), c, random);
            int maxTokens = req.maxTokens() != null ? req.maxTokens() : c.maxModelLen() - prompt.tokens();
            plans.add(ChoicePlan.of(answer, maxTokens, req.stop(), req.ignoreEos(),
                    () -> pod.responder().more(random)));
        }
        return plans;
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
