package io.modelshift.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.cli.ServiceClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured capacity of a self-hosted deployment the cost service is configured with
 * ({@code cost.deployments.<variant>.throughput-tokens-per-second}), as {@code GET /v1/unit-costs} reports it: the
 * figure {@code tco} uses when no {@code --throughput} is given. Deployments without a configured throughput are not
 * listed there, so a figure found here was measured by someone, never assumed.
 *
 * @param deployment    the variant name the deployment serves
 * @param gpusPerReplica null when the service does not say (the scenario then uses the hardware profile's)
 */
public record DeploymentThroughput(String deployment, String model, String hardware, int replicas,
                                   double tokensPerSecondPerReplica, Integer gpusPerReplica) {

    /** The cost service's month: 8760 h / 12 = 730 h; its capacity per month is per-second capacity times this. */
    static final double SECONDS_PER_MONTH = 730 * 3600;

    /** Every configured deployment with a measured capacity. */
    public static List<DeploymentThroughput> configured(ServiceClient cost) {
        List<DeploymentThroughput> all = new ArrayList<>();
        for (JsonNode d : cost.get("/v1/unit-costs").path("deployments")) {
            int replicas = Math.max(1, d.path("replicas").asInt(1));
            double perMonth = d.path("capacityTokensPerMonth").asDouble();
            if (perMonth <= 0) {
                continue;
            }
            all.add(new DeploymentThroughput(d.path("deployment").asText(), d.path("model").asText(),
                    d.path("hardware").asText(), replicas, perMonth / replicas / SECONDS_PER_MONTH,
                    d.path("gpusPerReplica").isInt() ? d.path("gpusPerReplica").asInt() : null));
        }
        return all;
    }

    /** The deployment of {@code model} (its model or variant name) on {@code hardware}; the variant name wins. */
    public static Optional<DeploymentThroughput> of(List<DeploymentThroughput> configured, String hardware,
                                                    String model) {
        List<DeploymentThroughput> onHardware = configured.stream().filter(d -> d.hardware().equals(hardware)).toList();
        return onHardware.stream().filter(d -> d.deployment().equals(model)).findFirst()
                .or(() -> onHardware.stream().filter(d -> d.model().equals(model)).findFirst());
    }

    /** Shown as the option's throughput source in the cost service's answer. */
    public String source() {
        return String.format(Locale.ROOT, "cost service deployment '%s' (cost.deployments.%s.throughput-tokens-per-second,"
                + " %s on %s)", deployment, deployment, model, hardware);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s on %s, %.0f tokens/s per replica)", deployment, model, hardware,
                tokensPerSecondPerReplica);
    }
}
