package io.modelshift.evaluation.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Adjusted p-values across several metrics: Holm (family-wise error) and Benjamini-Hochberg (false discovery). */
public final class Multiplicity {

    private Multiplicity() {
    }

    /** Holm 1979: sorted ascending, p_(j) * (m - j + 1), running maximum, capped at 1. */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = order(p);
        double[] adjusted = new double[m];
        double running = 0;
        for (int j = 0; j < m; j++) {
            int i = order[j];
            running = Math.max(running, Math.min(1, p[i] * (m - j)));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** Benjamini-Hochberg 1995: sorted ascending, p_(j) * m / j, running minimum from the largest, capped at 1. */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = order(p);
        double[] adjusted = new double[m];
        double running = 1;
        for (int j = m - 1; j >= 0; j--) {
            int i = order[j];
            running = Math.min(running, Math.min(1, p[i] * m / (j + 1)));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static Integer[] order(double[] p) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
