package io.modelshift.evaluation.runs;

import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.evaluation.benchmarks.Benchmark;
import io.modelshift.evaluation.benchmarks.BenchmarkCatalog;
import io.modelshift.evaluation.benchmarks.HumanEval;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Benchmark runs: start (asynchronous), follow, list items, cancel. */
@Path("/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final RunStore store;
    private final RunExecutor executor;
    private final BenchmarkCatalog catalog;
    private final RunSettings settings;
    private final RunMetrics metrics;

    public EvaluationResource(RunStore store, RunExecutor executor, BenchmarkCatalog catalog, RunSettings settings,
                              RunMetrics metrics) {
        this.store = store;
        this.executor = executor;
        this.catalog = catalog;
        this.settings = settings;
        this.metrics = metrics;
    }

    @POST
    public Response start(EvaluationRequest request) {
        if (request == null) {
            throw InvalidRequestException.badRequest("A JSON body is required", null);
        }
        Benchmark benchmark = catalog.find(request.benchmark()).orElseThrow(() -> new InvalidRequestException(
                OpenAiError.badRequest("Unknown benchmark '" + request.benchmark() + "'; known: " + catalog.names(),
                        "benchmark", "unknown_benchmark")));
        EvaluationRequest spec = validate(request.withDefaults(benchmark.defaultMaxTokens()));
        if (benchmark instanceof HumanEval humanEval) {
            humanEval.requireSandbox();
        }
        int total = executor.items(benchmark, spec).size() * spec.samples();
        executor.client(spec.target()).unreachable().ifPresent(reason -> {
            throw new InvalidRequestException(OpenAiError.badRequest("Target " + spec.target() + " is unreachable: "
                    + reason, "target", "target_unreachable"));
        });
        String id = "run-" + UUID.randomUUID().toString().substring(0, 13);
        store.create(id, spec, total);
        RunRecord run = store.find(id).orElseThrow();
        executor.start(run);
        return Response.accepted(view(run)).location(URI.create("/v1/evaluations/" + id)).build();
    }

    private EvaluationRequest validate(EvaluationRequest s) {
        require(s.target() != null && (s.target().startsWith("http://") || s.target().startsWith("https://")),
                "target must be an http(s) base URL of an OpenAI-compatible server", "target");
        try {
            URI.create(s.target());
        } catch (IllegalArgumentException e) {
            require(false, "target is not a valid URL: " + e.getMessage(), "target");
        }
        require(s.model() != null && !s.model().isBlank(), "model is required", "model");
        require(s.sampleSize() >= 0, "sample_size must be 0 (all) or positive", "sample_size");
        require(s.concurrency() >= 1 && s.concurrency() <= settings.maxConcurrency(),
                "concurrency must lie in 1.." + settings.maxConcurrency(), "concurrency");
        require(s.shots() >= 0 && s.shots() <= 25, "shots must lie in 0..25", "shots");
        require(s.temperature() >= 0 && s.temperature() <= 2, "temperature must lie in 0..2", "temperature");
        require(s.maxTokens() >= 1 && s.maxTokens() <= 32768, "max_tokens must lie in 1..32768", "max_tokens");
        require(s.mode().equals("chat") || s.mode().equals("completions"), "mode must be chat or completions", "mode");
        require(s.samples() >= 1 && s.samples() <= 200, "samples must lie in 1..200", "samples");
        require(s.samples() == 1 || s.temperature() > 0,
                "several samples per item need a temperature above 0, or every sample is the same", "samples");
        return s;
    }

    private static void require(boolean ok, String message, String param) {
        if (!ok) {
            throw InvalidRequestException.badRequest(message, param);
        }
    }

    @GET
    public List<RunView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return store.recent(Math.max(1, Math.min(limit, 500))).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public RunView get(@PathParam("id") String id) {
        return view(find(id));
    }

    @GET
    @Path("/{id}/items")
    public List<ItemResult> items(@PathParam("id") String id, @QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        find(id);
        return store.items(id, Math.max(0, offset), Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public RunView cancel(@PathParam("id") String id) {
        RunRecord run = find(id);
        if (run.status().finished()) {
            throw new InvalidRequestException(new OpenAiError(409, "Run " + id + " already ended as "
                    + run.status().name().toLowerCase(java.util.Locale.ROOT), OpenAiError.INVALID_REQUEST, "id",
                    "run_finished"));
        }
        if (!executor.cancel(id)) {
            store.finish(id, RunStatus.CANCELLED, "cancelled by request");
        }
        return view(find(id));
    }

    RunRecord find(String id) {
        return store.find(id).orElseThrow(() -> new InvalidRequestException(
                OpenAiError.notFound("No evaluation run '" + id + "'", "id", "run_not_found")));
    }

    RunView view(RunRecord run) {
        RunScores scores = RunScores.of(store.scoreRows(run.id()));
        if (run.status() == RunStatus.SUCCEEDED && scores.n() > 0) {
            metrics.accuracy(run.spec().benchmark(), run.spec().model(), scores.accuracy());
        }
        return RunView.of(run, store.counts(run.id()), scores);
    }
}
