package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareProfile;
import io.modelshift.cost.hardware.MemoryFit;
import io.modelshift.cost.pricebook.PriceEntry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answer to a {@link Scenario}: every figure next to the inputs it came from. */
public record ScenarioResult(String name, LocalDate evaluatedOn, Volume workload, double hoursPerMonth,
                             double targetUtilisation, double outputWeight, List<OptionResult> options,
                             List<Comparison> comparisons, List<SensitivityRow> sensitivity, List<String> warnings) {

    /**
     * One option's costs.
     *
     * @param capex        purchase at month 0 (0 for an API)
     * @param month1       the first month's cost lines
     * @param firstYear    months 1–12, cash and amortised
     * @param perMillion   USD per 1M tokens (API: list price; self-hosted: measured, target and 100% floor)
     * @param utilisation  self-hosted only
     * @param capacity     self-hosted only
     * @param cumulative   month by month over the horizon
     */
    public record OptionResult(String name, String type, String model, PriceEntry price, HardwareProfile hardware,
                               double capex, MonthlyCost month1, FirstYear firstYear, List<UnitCost> perMillion,
                               Utilisation utilisation, Capacity capacity, List<MonthPoint> cumulative) {
    }

    public record FirstYear(double cash, double amortised, String cashFormula, String amortisedFormula) {
    }

    /** Throughput-based (served / capacity tokens) and time-based (busy seconds / seconds), each labelled. */
    public record Utilisation(Percent throughputBased, Percent timeBased, String note) {
    }

    public record Capacity(double tokensPerSecondPerReplica, String throughputSource, double tokensPerMonthPerReplica,
                           int replicasConfigured, int replicasNeeded, String formula, MemoryFit memory) {
    }

    public record MonthPoint(int month, double tokens, int replicas, double cost, double cumulativeCash,
                             double cumulativeAmortised) {
    }

    /** A self-hosted option against an API option. */
    public record Comparison(String onPrem, String api, BreakEvenTime breakEven, BreakEvenVolume breakEvenVolume,
                             Percent monthlySaving) {
    }

    /** Months until cumulative self-hosted cash ≤ cumulative API cash; {@code never} when it does not pay back. */
    public record BreakEvenTime(Double months, Integer month, boolean never, String formula) {
    }

    public record BreakEvenVolume(Double tokensPerMonth, Integer replicas, boolean never, String formula) {
    }

    /**
     * The scenario re-run with one input multiplied.
     *
     * @param onPremMonthly    amortised month-1 cost per self-hosted option
     * @param onPremPerMillion blended USD per 1M tokens at the measured utilisation per self-hosted option
     * @param apiMonthly       month-1 cost per API option
     * @param breakEvenMonths  per "self-hosted vs API" pair; null means never
     */
    public record SensitivityRow(String factor, double multiplier, Map<String, Double> onPremMonthly,
                                 Map<String, Double> onPremPerMillion, Map<String, Double> apiMonthly,
                                 Map<String, Double> breakEvenMonths) {
    }
}
