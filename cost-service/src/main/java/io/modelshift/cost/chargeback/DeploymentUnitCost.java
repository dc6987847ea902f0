package io.modelshift.cost.chargeback;

import io.modelshift.cost.tco.UnitCost;

import java.util.List;

/**
 * Cost per 1M tokens of a configured self-hosted deployment over a period: at the measured utilisation (when it
 * served anything), at the target utilisation and the 100% floor, at the period's token mix.
 *
 * @param model          the configured model, else the deployment (variant) name
 * @param gpusPerReplica the GPUs one replica uses, after the deployment's override of its hardware profile: the
 *                       {@code tco} command prices a measured throughput on as many GPUs as it was measured on
 */
public record DeploymentUnitCost(String deployment, String model, String hardware, int replicas, int gpusPerReplica,
                                 double monthlyCost, double capacityTokensPerMonth, double inputShare,
                                 List<UnitCost> perMillion) {
}
