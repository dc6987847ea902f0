package io.modelshift.evaluation.reports;

import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.evaluation.benchmarks.BenchmarkCatalog;
import io.modelshift.evaluation.comparisons.Comparison;
import io.modelshift.evaluation.runs.RunRecord;
import io.modelshift.evaluation.runs.RunStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/reports/comparison?baseline=&candidate=}: two run ids give one row; two model names give a row per
 * benchmark from each model's latest succeeded run. JSON by default; HTML with {@code format=html} or
 * {@code Accept: text/html}.
 */
@Path("/v1/reports/comparison")
public class ReportResource {

    private final RunStore store;
    private final BenchmarkCatalog catalog;

    public ReportResource(RunStore store, BenchmarkCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    @GET
    public Response report(@QueryParam("baseline") String baseline, @QueryParam("candidate") String candidate,
                           @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        if (baseline == null || baseline.isBlank() || candidate == null || candidate.isBlank()) {
            throw InvalidRequestException.badRequest("Query parameters 'baseline' and 'candidate' (run ids or model "
                    + "names) are required", baseline == null || baseline.isBlank() ? "baseline" : "candidate");
        }
        ComparisonReport report = build(baseline, candidate);
        boolean html = "html".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.contains(MediaType.TEXT_HTML));
        if (html) {
            return Response.ok(ReportHtml.render(report), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        if (format != null && !"json".equalsIgnoreCase(format)) {
            throw InvalidRequestException.badRequest("format must be json or html", "format");
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    ComparisonReport build(String baseline, String candidate) {
        List<ComparisonReport.Row> rows = new ArrayList<>();
        Optional<RunRecord> baseRun = store.find(baseline);
        Optional<RunRecord> candRun = store.find(candidate);
        if (baseRun.isPresent() && candRun.isPresent()) {
            rows.add(row(baseRun.get(), candRun.get()));
        } else {
            for (String benchmark : catalog.names()) {
                Optional<RunRecord> b = store.latestSucceeded(baseline, benchmark);
                Optional<RunRecord> c = store.latestSucceeded(candidate, benchmark);
                if (b.isPresent() && c.isPresent()) {
                    rows.add(row(b.get(), c.get()));
                }
            }
        }
        return new ComparisonReport(baseline, candidate, Instant.now(), rows);
    }

    private ComparisonReport.Row row(RunRecord b, RunRecord c) {
        return ComparisonReport.Row.of(Comparison.of(b, store.allItems(b.id()), c, store.allItems(c.id())));
    }
}
