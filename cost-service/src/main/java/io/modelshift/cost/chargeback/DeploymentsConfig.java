package io.modelshift.cost.chargeback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * Self-hosted deployments by variant name, budgets by tenant, and chargeback defaults:
 * <pre>
 * cost.deployments.llama-3-70b.hardware=a100-80gb
 * cost.deployments.llama-3-70b.replicas=2
 * cost.deployments.llama-3-70b.gpus-per-replica=2
 * cost.deployments.llama-3-70b.throughput-tokens-per-second=1496
 * cost.deployments.llama-3-70b.overrides.gpuPrice=14000
 * cost.budgets.acme=2500
 * </pre>
 */
@ConfigMapping(prefix = "cost")
public interface DeploymentsConfig {

    Map<String, Deployment> deployments();

    /** USD per calendar month, by tenant. */
    Map<String, Double> budgets();

    /** Budget share from which a budget reads "warning". */
    @WithDefault("0.8")
    double budgetWarning();

    /** Default idle sharing for chargeback and metrics: none, weighted or even. */
    @WithDefault("weighted")
    String idleSharing();

    /** GPU time of an output token over an input token. */
    @WithDefault("2.0")
    double outputWeight();

    /** Utilisation a deployment is priced at for the "target" cost per 1M tokens. */
    @WithDefault("0.6")
    double targetUtilisation();

    /** How often the metrics are recomputed from the ledger. */
    @WithDefault("30s")
    String metricsRefresh();

    interface Deployment {
        /** Hardware profile key. */
        String hardware();

        @WithDefault("1")
        int replicas();

        Optional<Integer> gpusPerReplica();

        /** Measured capacity per replica, input + output tokens per second; without it idle cost is unknown. */
        Optional<Double> throughputTokensPerSecond();

        /** Model architecture, for the memory-fit check. */
        Optional<String> model();

        /** Other hardware profile fields to replace, e.g. {@code overrides.gpuPrice=14000}. */
        Map<String, String> overrides();
    }
}
