package io.modelshift.cost.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.cost.pricebook.PriceBookStore;
import io.modelshift.cost.tco.Scenario;
import io.modelshift.cost.tco.ScenarioResult;
import io.modelshift.cost.tco.TcoResource;
import io.modelshift.api.openai.InvalidRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code GET /v1/reports/tco}: the comparison table and break-even chart of the report scenario
 * ({@code cost.report.scenario-file}, or the shipped corrected case study), as JSON or HTML
 * ({@code ?format=html} or {@code Accept: text/html}); {@code POST} renders any scenario the same way.
 */
@Path("/v1/reports/tco")
public class ReportResource {

    static final String DEFAULT_SCENARIO = "defaults/report-scenario.json";

    private final TcoResource tco;
    private final ObjectMapper json;
    private final Optional<java.nio.file.Path> scenarioFile;

    public ReportResource(TcoResource tco, ObjectMapper json,
                          @ConfigProperty(name = "cost.report.scenario-file") Optional<java.nio.file.Path> scenarioFile) {
        this.tco = tco;
        this.json = json;
        this.scenarioFile = scenarioFile;
    }

    @GET
    public Response report(@QueryParam("format") String format, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        return render(tco.evaluate(scenario()), format, headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(Scenario scenario, @QueryParam("format") String format,
                           @jakarta.ws.rs.core.Context HttpHeaders headers) {
        return render(tco.evaluate(scenario), format, headers);
    }

    private Scenario scenario() {
        try {
            String text = scenarioFile.isPresent() ? Files.readString(scenarioFile.get())
                    : PriceBookStore.resource(DEFAULT_SCENARIO);
            return json.readValue(text, Scenario.class);
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("Cannot read the report scenario " + scenarioFile.orElse(null) + ": "
                    + e.getMessage(), "cost.report.scenario-file", "invalid_scenario");
        }
    }

    private static Response render(ScenarioResult result, String format, HttpHeaders headers) {
        boolean html = "html".equalsIgnoreCase(format) || (format == null && headers != null
                && headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !m.isWildcardType()));
        if (format != null && !html && !"json".equalsIgnoreCase(format)) {
            throw InvalidRequestException.badRequest("Unknown format '" + format + "'. Known: json, html.", "format",
                    "invalid_value");
        }
        return html ? Response.ok(TcoPage.render(result), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build()
                : Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
