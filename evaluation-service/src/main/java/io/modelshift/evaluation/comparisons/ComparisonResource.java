package io.modelshift.evaluation.comparisons;

import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.evaluation.runs.RunRecord;
import io.modelshift.evaluation.runs.RunStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/comparisons?baseline=<run>&candidate=<run>}. */
@Path("/v1/comparisons")
@Produces(MediaType.APPLICATION_JSON)
public class ComparisonResource {

    private final RunStore store;

    public ComparisonResource(RunStore store) {
        this.store = store;
    }

    @GET
    public Comparison compare(@QueryParam("baseline") String baseline, @QueryParam("candidate") String candidate) {
        RunRecord b = run(baseline, "baseline");
        RunRecord c = run(candidate, "candidate");
        if (!b.spec().benchmark().equals(c.spec().benchmark())) {
            throw InvalidRequestException.badRequest("Runs " + b.id() + " (" + b.spec().benchmark() + ") and " + c.id()
                    + " (" + c.spec().benchmark() + ") are on different benchmarks", "candidate");
        }
        return Comparison.of(b, store.allItems(b.id()), c, store.allItems(c.id()));
    }

    RunRecord run(String id, String param) {
        if (id == null || id.isBlank()) {
            throw InvalidRequestException.badRequest("Query parameter '" + param + "' (a run id) is required", param);
        }
        return store.find(id).orElseThrow(() -> new InvalidRequestException(
                OpenAiError.notFound("No evaluation run '" + id + "'", param, "run_not_found")));
    }
}
