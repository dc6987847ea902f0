package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The monthly cost of owning and running {@code replicas} replicas of a hardware profile. */
public final class OnPremCost {

    private OnPremCost() {
    }

    public static double capex(HardwareProfile p, int replicas) {
        return replicas * p.capexPerReplica();
    }

    public static MonthlyCost monthly(HardwareProfile p, int replicas) {
        int n = p.gpusPerReplica();
        double capexReplica = p.capexPerReplica();
        List<CostLine> lines = new ArrayList<>();
        double amortisation = replicas * capexReplica * (1 - p.residualFraction()) / p.lifeMonths();
        lines.add(new CostLine("amortisation", amortisation, f(
                "replicas %d × (%d GPUs × $%.2f + host $%.2f) × (1 − residual %.2f) / %d months",
                replicas, n, p.gpuPrice(), p.hostPrice(), p.residualFraction(), p.lifeMonths())));
        double kw = (n * p.gpuTdpWatts() * p.gpuPowerLoad() + p.hostWatts()) / 1000;
        double energy = replicas * kw * TimeBase.HOURS_PER_MONTH * p.pue() * p.electricityPerKwh();
        lines.add(new CostLine("energy", energy, f(
                "replicas %d × (%d × %.0f W × load %.2f + host %.0f W) / 1000 × 730 h × PUE %.2f × $%.4f/kWh",
                replicas, n, p.gpuTdpWatts(), p.gpuPowerLoad(), p.hostWatts(), p.pue(), p.electricityPerKwh())));
        double facility = replicas * p.facilityPerReplicaMonth();
        lines.add(new CostLine("facility", facility, f("replicas %d × $%.2f", replicas, p.facilityPerReplicaMonth())));
        double maintenance = replicas * capexReplica * p.maintenancePercentPerYear() / 100 / 12;
        lines.add(new CostLine("maintenance", maintenance, f("replicas %d × $%.2f × %.2f%% / 12",
                replicas, capexReplica, p.maintenancePercentPerYear())));
        double staff = replicas * p.staffPerReplicaMonth();
        lines.add(new CostLine("staff", staff, f("replicas %d × $%.2f", replicas, p.staffPerReplicaMonth())));
        double other = replicas * p.otherOpexPerReplicaMonth();
        lines.add(new CostLine("other (not itemised)", other,
                f("replicas %d × $%.2f", replicas, p.otherOpexPerReplicaMonth())));
        double opex = energy + facility + maintenance + staff + other;
        return new MonthlyCost(List.copyOf(lines), opex, amortisation + opex);
    }

    /** Formats a formula or message with a dot decimal separator, whatever the locale. */
    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
