package io.modelshift.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modelshift.cli.CliFailure;
import io.modelshift.cli.ServiceClient;
import io.modelshift.cli.output.Format;
import io.modelshift.cli.output.Palette;
import io.modelshift.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run benchmarks on the old and the new model through the evaluation service, show progress,"
                + " and print the before/after table: accuracy with 95%% intervals, paired difference, McNemar"
                + " significance, mean latency, tokens per second (completion tokens over request latency)."},
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift compare --old llama-2-70b --new llama-3-70b --target http://gateway:8080",
                "  modelshift compare --old llama-2-70b --new llama-3-70b --benchmarks gsm8k,mmlu --samples 500 \\",
                "      --old-target http://proxy-llama2:8100 --new-target http://proxy-llama3:8100 --output markdown",
                "  modelshift compare --old a --new b --target http://localhost:8080 --eval-url http://localhost:8200 -o json"})
public class CompareCommand implements Callable<Integer> {

    static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu", "humaneval", "jmmlu");

    @Spec
    CommandSpec spec;

    @Option(names = "--old", required = true, description = "The current model (baseline).")
    String oldModel;

    @Option(names = "--new", required = true, description = "The candidate model.")
    String newModel;

    @Option(names = "--benchmarks", split = ",", defaultValue = "gsm8k,mmlu,humaneval,jmmlu",
            description = "Any of gsm8k, mmlu, humaneval, jmmlu (default: ${DEFAULT-VALUE}).")
    List<String> benchmarks;

    @Option(names = "--samples", defaultValue = "200",
            description = "Items per benchmark, a seeded stratified subset; 0 = the whole split (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--target", defaultValue = "${env:MODELSHIFT_GATEWAY_URL}",
            description = "OpenAI-compatible URL serving both models, e.g. the gateway (env MODELSHIFT_GATEWAY_URL).")
    String target;

    @Option(names = "--old-target", description = "URL serving the old model (default: --target).")
    String oldTarget;

    @Option(names = "--new-target", description = "URL serving the new model (default: --target).")
    String newTarget;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight per run (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--eval-url", defaultValue = "${env:MODELSHIFT_EVAL_URL:-http://localhost:8200}",
            description = "The evaluation service (env MODELSHIFT_EVAL_URL; default: ${DEFAULT-VALUE}).")
    String evalUrl;

    @Option(names = {"-o", "--output"}, defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--poll", defaultValue = "2000", description = "Milliseconds between progress checks (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        ServiceClient eval = new ServiceClient("evaluation service", evalUrl, null, "--eval-url");
        Map<String, String[]> runs = new LinkedHashMap<>();
        for (String b : benchmarks) {
            runs.put(b, new String[]{start(eval, b, oldModel, oldTarget == null ? target : oldTarget),
                    start(eval, b, newModel, newTarget == null ? target : newTarget)});
        }
        Map<String, JsonNode> finished = new RunProgress(spec.commandLine().getErr(), Palette.detect())
                .await(eval, runs, Duration.ofMillis(pollMillis));
        List<String> failed = finished.values().stream().filter(v -> !"succeeded".equals(v.path("status").asText()))
                .map(v -> v.path("request").path("benchmark").asText() + " " + v.path("request").path("model").asText()
                        + " (" + v.path("id").asText() + "): " + v.path("status").asText() + " "
                        + v.path("failure_reason").asText("")).toList();
        if (!failed.isEmpty()) {
            throw new CliFailure("runs did not succeed: " + String.join("; ", failed));
        }
        ArrayNode rows = ServiceClient.JSON.createArrayNode();
        for (Map.Entry<String, String[]> e : runs.entrySet()) {
            JsonNode comparison = eval.get("/v1/comparisons?baseline=" + e.getValue()[0] + "&candidate=" + e.getValue()[1]);
            rows.add(ServiceClient.JSON.createObjectNode().put("benchmark", e.getKey())
                    .put("baseline_run", e.getValue()[0]).put("candidate_run", e.getValue()[1])
                    .put("baseline_latency_ms", finished.get(e.getValue()[0]).path("progress").path("mean_latency_ms").asDouble())
                    .put("candidate_latency_ms", finished.get(e.getValue()[1]).path("progress").path("mean_latency_ms").asDouble())
                    .put("baseline_tokens_per_second", DecodeRate.of(eval, e.getValue()[0]))
                    .put("candidate_tokens_per_second", DecodeRate.of(eval, e.getValue()[1]))
                    .set("comparison", comparison));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (output) {
            case "json" -> rows.toPrettyString() + "\n";
            case "markdown" -> "Old: `" + oldModel + "` at " + (oldTarget == null ? target : oldTarget) + ", new: `"
                    + newModel + "` at " + (newTarget == null ? target : newTarget) + "\n\n"
                    + table(rows, new Palette(false)).markdown();
            default -> "OLD  " + oldModel + " at " + (oldTarget == null ? target : oldTarget) + "\nNEW  " + newModel
                    + " at " + (newTarget == null ? target : newTarget) + "\n\n" + table(rows, Palette.detect()).render();
        });
        out.flush();
        return 0;
    }

    private void validate() {
        if (target == null && (oldTarget == null || newTarget == null)) {
            throw new ParameterException(spec.commandLine(), "give --target (a URL serving both models, e.g. the gateway)"
                    + " or both --old-target and --new-target");
        }
        for (String b : benchmarks) {
            if (!BENCHMARKS.contains(b)) {
                throw new ParameterException(spec.commandLine(), "unknown benchmark '" + b + "'; use " + BENCHMARKS);
            }
        }
        if (!List.of("table", "json", "markdown").contains(output)) {
            throw new ParameterException(spec.commandLine(), "--output must be table, json or markdown, not '" + output + "'");
        }
        if (oldModel.equals(newModel)) {
            throw new ParameterException(spec.commandLine(), "--old and --new are the same model: " + oldModel);
        }
    }

    private String start(ServiceClient eval, String benchmark, String model, String url) {
        JsonNode run = eval.post("/v1/evaluations", ServiceClient.JSON.createObjectNode().put("target", url)
                .put("model", model).put("benchmark", benchmark).put("sample_size", samples)
                .put("concurrency", concurrency));
        if (!run.path("id").isTextual()) {
            throw new CliFailure("the evaluation service started a run without an id: " + run);
        }
        return run.path("id").asText();
    }

    static TextTable table(ArrayNode rows, Palette p) {
        TextTable t = new TextTable("BENCHMARK", "OLD", "NEW", "DIFFERENCE", "P (MCNEMAR)", "SIGNIFICANT",
                "LATENCY OLD", "LATENCY NEW", "TOKENS/S OLD", "TOKENS/S NEW", "N");
        for (JsonNode row : rows) {
            JsonNode c = row.path("comparison");
            JsonNode paired = c.path("paired");
            boolean significant = paired.path("significant").asBoolean();
            double diff = paired.path("difference").path("estimate").asDouble();
            String sig = !significant ? "no" : diff > 0 ? p.good("yes, better") : p.bad("yes, worse");
            t.row(row.path("benchmark").asText(), accuracy(c.path("baseline")), accuracy(c.path("candidate")),
                    interval(paired.path("difference"), true), paired.isObject()
                            ? String.format(Locale.ROOT, "%.3g", paired.path("mcnemar_p").asDouble()) : "-",
                    paired.isObject() ? sig : "-",
                    String.format(Locale.ROOT, "%.0f ms", row.path("baseline_latency_ms").asDouble()),
                    String.format(Locale.ROOT, "%.0f ms", row.path("candidate_latency_ms").asDouble()),
                    String.format(Locale.ROOT, "%.1f", row.path("baseline_tokens_per_second").asDouble()),
                    String.format(Locale.ROOT, "%.1f", row.path("candidate_tokens_per_second").asDouble()),
                    paired.isObject() ? paired.path("shared_items").asText() : c.path("candidate").path("n").asText());
        }
        return t;
    }

    private static String accuracy(JsonNode side) {
        return side.isObject() ? Format.percent(side.path("accuracy")) + " " + interval(side.path("interval"), false) : "-";
    }

    private static String interval(JsonNode i, boolean signed) {
        if (!i.isObject()) {
            return "-";
        }
        String f = signed ? "%+.1f" : "%.1f";
        return (signed ? String.format(Locale.ROOT, "%+.1f pt ", i.path("estimate").asDouble() * 100) : "")
                + "[" + String.format(Locale.ROOT, f, i.path("low").asDouble() * 100) + ", "
                + String.format(Locale.ROOT, f, i.path("high").asDouble() * 100) + "]";
    }

    /** Runs that have not finished yet, for {@link RunProgress}. */
    static List<String> ids(Map<String, String[]> runs) {
        List<String> ids = new ArrayList<>();
        runs.values().forEach(pair -> ids.addAll(List.of(pair)));
        return ids;
    }
}
