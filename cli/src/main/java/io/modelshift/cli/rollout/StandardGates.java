package io.modelshift.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.rollout.CostGate;
import io.modelshift.api.rollout.EvaluationGate;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GatewayQueries;
import io.modelshift.api.rollout.NoDataPolicy;
import io.modelshift.api.rollout.PrometheusGate;
import io.modelshift.cli.CliFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gates a migration checks: {@code default} and {@code strict} are the house standard (quality verdict of the
 * evaluation service, p95 time to first token relative to the stable, error rate, cost per 1M tokens); anything
 * else is a YAML/JSON file holding a list of gates (or {@code {gates: [...]}}) in the ModelRollout format.
 */
final class StandardGates {

    private StandardGates() {
    }

    static List<Gate> named(String choice) {
        return switch (choice) {
            case "default" -> set(200, 0.10, 0.01, 500, 0.25);
            case "strict" -> set(500, 0.05, 0.005, 1000, 0.10);
            default -> file(Path.of(choice));
        };
    }

    private static List<Gate> set(long qualitySamples, double ttftIncrease, double maxErrors, long errorSamples,
                                  double costIncrease) {
        return List.of(
                new Gate("quality", new EvaluationGate(null), null, null, qualitySamples, null, "5m"),
                new Gate("ttft-p95", null, new PrometheusGate(null, GatewayQueries.TTFT_P95, null, null, null,
                        ttftIncrease, null), null, null, NoDataPolicy.Inconclusive, null),
                new Gate("error-rate", null, new PrometheusGate(null, GatewayQueries.ERROR_RATIO,
                        GatewayQueries.requests("30m"), maxErrors, null, null, null), null, errorSamples, null, null),
                new Gate("cost", null, null, new CostGate(null, costIncrease), null, null, null));
    }

    private static List<Gate> file(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CliFailure("--gates must be default, strict or a file of gates; '" + path + "' is neither");
        }
        try {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
            JsonNode list = doc != null && doc.isObject() ? doc.path("gates") : doc;
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw new CliFailure(path + " holds no gates: write a list of gates, or an object with 'gates:'");
            }
            List<Gate> gates = new ArrayList<>();
            for (JsonNode g : list) {
                Gate gate = Serialization.unmarshal(g.toString(), Gate.class);
                if (gate.name() == null || gate.kindsSet() != 1) {
                    throw new CliFailure(path + ": gate " + g + " needs a name and exactly one of evaluation,"
                            + " prometheus, cost");
                }
                gates.add(gate);
            }
            return gates;
        } catch (IOException | IllegalArgumentException e) {
            throw new CliFailure("cannot read gates from " + path + ": " + e.getMessage(), e);
        }
    }
}
