package io.modelshift.cost.hardware;

import java.time.LocalDate;

/**
 * What one replica of a self-hosted deployment is made of and what it costs to own and run. All money in USD;
 * per-replica monthly figures use the service's one time base (a month is 730 hours).
 *
 * @param id                       profile key, e.g. {@code a100-40gb}
 * @param gpu                      GPU model name
 * @param gpuMemoryGiB             memory per GPU
 * @param gpuTdpWatts              board power per GPU
 * @param gpuPrice                 purchase price per GPU
 * @param hostPrice                purchase price of the host server (per replica); 0 means "not priced"
 * @param hostWatts                host power without GPUs
 * @param gpusPerReplica           GPUs per replica (tensor parallel size)
 * @param precision                weight precision
 * @param lifeMonths               straight-line amortisation period
 * @param residualFraction         resale value at end of life, as a fraction of the purchase
 * @param maintenancePercentPerYear maintenance contract, percent of purchase per year
 * @param pue                      power usage effectiveness of the site
 * @param electricityPerKwh        USD per kWh
 * @param gpuPowerLoad             average GPU draw as a fraction of TDP
 * @param facilityPerReplicaMonth  colocation/rack cost per replica and month
 * @param staffPerReplicaMonth     staff time charged per replica and month
 * @param otherOpexPerReplicaMonth running cost not itemised above (shown as its own line, with a warning)
 * @param gpuPriceSource           where the GPU price comes from
 * @param tdpSource                where the TDP comes from
 * @param pueSource                where the PUE comes from
 * @param electricitySource        where the electricity price comes from
 * @param asOf                     date the figures were read
 */
public record HardwareProfile(String id, String gpu, double gpuMemoryGiB, double gpuTdpWatts, double gpuPrice,
                              double hostPrice, double hostWatts, int gpusPerReplica, String precision,
                              int lifeMonths, double residualFraction, double maintenancePercentPerYear, double pue,
                              double electricityPerKwh, double gpuPowerLoad, double facilityPerReplicaMonth,
                              double staffPerReplicaMonth, double otherOpexPerReplicaMonth, String gpuPriceSource,
                              String tdpSource, String pueSource, String electricitySource, LocalDate asOf) {

    public HardwareProfile {
        String at = "hardware profile '" + id + "': ";
        positive(at, "gpuMemoryGiB", gpuMemoryGiB);
        nonNegative(at, "gpuTdpWatts", gpuTdpWatts);
        nonNegative(at, "gpuPrice", gpuPrice);
        nonNegative(at, "hostPrice", hostPrice);
        nonNegative(at, "hostWatts", hostWatts);
        positive(at, "gpusPerReplica", gpusPerReplica);
        positive(at, "lifeMonths", lifeMonths);
        if (!(residualFraction >= 0 && residualFraction < 1)) {
            throw new IllegalArgumentException(at + "residualFraction must be in [0, 1), got " + residualFraction);
        }
        nonNegative(at, "maintenancePercentPerYear", maintenancePercentPerYear);
        if (!(pue >= 1)) {
            throw new IllegalArgumentException(at + "pue must be >= 1, got " + pue);
        }
        nonNegative(at, "electricityPerKwh", electricityPerKwh);
        if (!(gpuPowerLoad >= 0 && gpuPowerLoad <= 1)) {
            throw new IllegalArgumentException(at + "gpuPowerLoad must be in [0, 1], got " + gpuPowerLoad);
        }
        nonNegative(at, "facilityPerReplicaMonth", facilityPerReplicaMonth);
        nonNegative(at, "staffPerReplicaMonth", staffPerReplicaMonth);
        nonNegative(at, "otherOpexPerReplicaMonth", otherOpexPerReplicaMonth);
        Precision.parse(precision, "precision");
    }

    private static void nonNegative(String at, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(at + field + " must be a finite number >= 0, got " + value);
        }
    }

    private static void positive(String at, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(at + field + " must be > 0, got " + value);
        }
    }

    public Precision weightPrecision() {
        return Precision.parse(precision, "precision");
    }

    /** Purchase of one replica: its GPUs and its host. */
    public double capexPerReplica() {
        return gpusPerReplica * gpuPrice + hostPrice;
    }
}
