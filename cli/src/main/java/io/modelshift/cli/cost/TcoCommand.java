package io.modelshift.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Locale;

@Command(name = "tco", mixinStandardHelpOptions = true,
        description = {"Price self-hosting a model on a hardware profile against API models, through the cost"
                + " service's TCO scenario: monthly cost, cost per 1M tokens, first-year cash, and the break-even.",
                "The throughput per replica must be measured (e.g. with the vLLM benchmark); it is never assumed.",
                "Without --throughput, tco takes the measured throughput of the self-hosted deployment the cost service"
                        + " is configured with for this model on this hardware"
                        + " (cost.deployments.<variant>.throughput-tokens-per-second, listed by GET /v1/unit-costs),"
                        + " and fails, naming --throughput, when there is none."},
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift tco --hardware a100-40gb --gpus-per-replica 4 --model llama-3-70b --tokens-per-month 100M \\",
                "      --throughput 1496 --throughput-source 'vLLM bench 2026-11' --compare gpt-4,gpt-4o-mini",
                "  modelshift tco --hardware h100-80gb --model llama-3-70b --tokens-per-month 2B --throughput 3000"
                        + " --output json --cost-url http://localhost:8300",
                "  # the throughput of the cost service's deployment llama-3-70b on a100-80gb:",
                "  modelshift tco --hardware a100-80gb --gpus-per-replica 2 --model llama-3-70b --tokens-per-month 500M"})
public class TcoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--hardware", required = true, description = "Hardware profile of the cost service, e.g. a100-40gb.")
    String hardware;

    @Option(names = "--model", required = true, description = "The self-hosted model, e.g. llama-3-70b.")
    String model;

    @Option(names = "--tokens-per-month", required = true,
            description = "Monthly volume: 100000000, 100M, 1.5B, 250k.")
    String tokensPerMonth;

    @Option(names = "--throughput",
            description = {"Measured tokens per second (input + output) of one replica on this hardware.",
                    "Default: the measured throughput of the cost service's deployment of --model on --hardware."})
    Double throughput;

    @Option(names = "--throughput-source",
            description = "Where the --throughput figure comes from (shown in the report; default: 'measured, given to"
                    + " modelshift tco').")
    String throughputSource;

    @Option(names = "--gpus-per-replica", description = "GPUs in one replica (default: the hardware profile's).")
    Integer gpusPerReplica;

    @Option(names = "--compare", split = ",", description = "API models of the price book to compare with, e.g. gpt-4,gpt-4o-mini.")
    List<String> compare = List.of();

    @Option(names = "--months", defaultValue = "36", description = "Horizon in months (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--cost-url", defaultValue = "${env:MODELSHIFT_COST_URL:-http://localhost:8300}",
            description = "The cost service (env MODELSHIFT_COST_URL; default: ${DEFAULT-VALUE}).")
    String costUrl;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public void run() {
        if (!List.of("table", "json").contains(output)) {
            throw new ParameterException(spec.commandLine(), "--output must be table or json, not '" + output + "'");
        }
        if (throughput != null && !(throughput > 0)) {
            throw new ParameterException(spec.commandLine(), "--throughput must be a measured, positive tokens/s figure");
        }
        double tokens = volume();
        ServiceClient cost = new ServiceClient("cost service", costUrl, null, "--cost-url");
        if (throughput == null) {
            List<DeploymentThroughput> configured;
            try {
                configured = DeploymentThroughput.configured(cost);
            } catch (CliFailure e) {
                throw new CliFailure(e.getMessage() + " (asked for its measured throughput since no --throughput"
                        + " was given)", e);
            }
            useDeployment(configured);
        } else if (throughputSource == null) {
            throughputSource = "measured, given to modelshift tco";
        }
        JsonNode result = cost.post("/v1/tco/scenarios", scenario(tokens));
        PrintWriter out = spec.commandLine().getOut();
        out.print("json".equals(output) ? result.toPrettyString() + "\n" : render(result, Palette.detect()));
        out.flush();
    }

    /** No --throughput: the configured deployment's measured figure, or a usage error naming the option. */
    private void useDeployment(List<DeploymentThroughput> configured) {
        DeploymentThroughput d = DeploymentThroughput.of(configured, hardware, model).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "the cost service at " + costUrl + " knows no measured"
                        + " throughput for " + model + " on " + hardware + ": give --throughput <tokens/s of one replica>"
                        + " (measured, e.g. with vLLM's benchmark_serving), or configure"
                        + " cost.deployments.<variant>.throughput-tokens-per-second in the cost service (deployments"
                        + " with a throughput there: " + (configured.isEmpty() ? "none" : configured) + ")"));
        throughput = d.tokensPerSecondPerReplica();
        throughputSource = d.source();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "throughput: %.1f tokens/s per replica, from the %s%n", throughput, d.source());
        if (gpusPerReplica == null && d.gpusPerReplica() != null) {
            gpusPerReplica = d.gpusPerReplica();
        } else if (gpusPerReplica == null) {
            err.println(Palette.detect().warn("warning: ") + "the cost service does not say how many GPUs one replica of '"
                    + d.deployment() + "' has; the scenario uses the " + hardware + " profile's (give --gpus-per-replica"
                    + " if the deployment's differs)");
        }
        err.flush();
    }

    private ObjectNode scenario(double tokens) {
        ObjectNode body = ServiceClient.JSON.createObjectNode();
        body.put("name", model + " on " + hardware).put("months", months);
        body.putObject("workload").put("tokensPerMonth", tokens);
        ArrayNode options = body.putArray("options");
        options.addObject().put("name", hardware + " " + model).put("type", "onprem").put("hardware", hardware)
                .put("model", model).put("throughputTokensPerSecond", throughput)
                .put("throughputSource", throughputSource);
        if (gpusPerReplica != null) {
            ((ObjectNode) options.get(0)).putObject("overrides").put("gpusPerReplica", gpusPerReplica);
        }
        compare.forEach(api -> options.addObject().put("name", api).put("type", "api").put("model", api));
        return body;
    }

    /** 100M, 1.5B, 250k or a plain number. */
    double volume() {
        String t = tokensPerMonth.trim().toUpperCase(Locale.ROOT).replace("_", "").replace(",", "");
        double factor = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1e3;
            case 'M' -> 1e6;
            case 'B', 'G' -> 1e9;
            case 'T' -> 1e12;
            default -> 1;
        };
        try {
            double v = Double.parseDouble(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--tokens-per-month '" + tokensPerMonth
                    + "' is not a positive volume such as 100000000, 100M or 1.5B");
        }
    }

    static String render(JsonNode r, Palette p) {
        TextTable options = new TextTable("OPTION", "TYPE", "MONTH 1", "PER 1M TOKENS", "FIRST YEAR CASH", "REPLICAS");
        for (JsonNode o : r.path("options")) {
            JsonNode unit = o.path("perMillion").path(0);
            options.row(o.path("name").asText(), o.path("type").asText(), Format.usd(o.path("month1").path("amortised")),
                    Format.usd(unit.path("blended")) + (unit.path("basis").isTextual() ? " (" + unit.path("basis").asText() + ")" : ""),
                    Format.usd(o.path("firstYear").path("cash")),
                    o.path("capacity").isObject() ? o.path("capacity").path("replicasNeeded").asText() : "-");
        }
        StringBuilder out = new StringBuilder(p.bold(r.path("name").asText("TCO"))).append('\n').append(options.render());
        for (JsonNode o : r.path("options")) {
            JsonNode capacity = o.path("capacity");
            if (capacity.path("tokensPerSecondPerReplica").isNumber()) {
                out.append(String.format(Locale.ROOT, "%s: %,.1f tokens/s per replica (%s)%n", o.path("name").asText(),
                        capacity.path("tokensPerSecondPerReplica").asDouble(),
                        capacity.path("throughputSource").asText("source not given")));
            }
        }
        if (!r.path("comparisons").isEmpty()) {
            TextTable breakEven = new TextTable("SELF-HOSTED", "VS API", "BREAK-EVEN", "BREAK-EVEN VOLUME", "MONTH-1 SAVING");
            for (JsonNode c : r.path("comparisons")) {
                JsonNode time = c.path("breakEven");
                JsonNode volume = c.path("breakEvenVolume");
                breakEven.row(c.path("onPrem").asText(), c.path("api").asText(),
                        time.path("never").asBoolean() ? p.bad("never") : p.good("month " + time.path("month").asText()),
                        volume.path("never").asBoolean() ? "never" : String.format(Locale.ROOT, "%,.0f tokens/month",
                                volume.path("tokensPerMonth").asDouble()),
                        c.path("monthlySaving").isObject() ? String.format(Locale.ROOT, "%.1f%%",
                                c.path("monthlySaving").path("percent").asDouble()) : "-");
            }
            out.append('\n').append(breakEven.render());
        }
        r.path("warnings").forEach(w -> out.append(p.warn("warning: ")).append(w.asText()).append('\n'));
        return out.toString();
    }
}
