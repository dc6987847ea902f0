package io.modelshift.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StickyBucketerTest {

    static Route split(int stable, int canary) {
        return new Route("llama-70b", List.of(
                new Variant("llama-2-70b", "http://a:1/v1", null, stable),
                new Variant("llama-3-70b", "http://b:1/v1", null, canary)),
                "llama-2-70b", Stickiness.parse("header:x-session-id"), "salt-1", null);
    }

    @Test
    void sameKeyAndSaltAlwaysGiveTheSameBucket() {
        assertEquals(StickyBucketer.bucket("s", "user-42"), StickyBucketer.bucket("s", "user-42"));
        int b = StickyBucketer.bucket("s", "user-42");
        assertTrue(b >= 0 && b < StickyBucketer.BUCKETS);
    }

    @Test
    void saltReshufflesUsers() {
        int moved = 0;
        for (int i = 0; i < 1000; i++) {
            if (StickyBucketer.bucket("salt-a", "u" + i) != StickyBucketer.bucket("salt-b", "u" + i)) {
                moved++;
            }
        }
        assertTrue(moved > 990, "a new salt should move nearly every user, moved " + moved);
    }

    @Test
    void bucketsAreUniform() {
        int n = 200_000;
        int[] deciles = new int[10];
        for (int i = 0; i < n; i++) {
            deciles[StickyBucketer.bucket("route", "session-" + i) / 1000]++;
        }
        // chi-square with 9 degrees of freedom; 27.88 is the 0.999 quantile
        double expected = n / 10.0;
        double chi2 = 0;
        for (int d : deciles) {
            chi2 += (d - expected) * (d - expected) / expected;
        }
        assertTrue(chi2 < 27.88, "bucket deciles are not uniform, chi2=" + chi2);
    }

    @Test
    void seventyThirtySplitIsWithinStatisticalBounds() {
        Route route = split(70, 30);
        int n = 100_000;
        int canary = 0;
        for (int i = 0; i < n; i++) {
            if (VariantAssigner.assign(route, null, "user-" + i).variant().name().equals("llama-3-70b")) {
                canary++;
            }
        }
        // binomial sd = sqrt(n p (1-p)) = 145; allow 5 sd
        double sd = Math.sqrt(n * 0.3 * 0.7);
        assertTrue(Math.abs(canary - 0.3 * n) < 5 * sd, "canary got " + canary + " of " + n);
    }

    @Test
    void unkeyedRequestsFollowTheWeightsToo() {
        Route route = split(70, 30);
        int n = 100_000;
        int canary = 0;
        for (int i = 0; i < n; i++) {
            Assignment a = VariantAssigner.assign(route, null, null);
            assertEquals(-1, a.bucket());
            if (a.variant().name().equals("llama-3-70b")) {
                canary++;
            }
        }
        double sd = Math.sqrt(n * 0.3 * 0.7);
        assertTrue(Math.abs(canary - 0.3 * n) < 5 * sd, "canary got " + canary + " of " + n);
    }

    @Test
    void raisingTheCanaryWeightOnlyMovesStableUsersToTheCanary() {
        int users = 20_000;
        int[] steps = {0, 1, 5, 10, 25, 50, 75, 99, 100};
        String[] previous = new String[users];
        for (int step : steps) {
            Route route = split(100 - step, step == 0 ? 0 : step);
            if (step == 0) {
                route = split(100, 0);
            }
            for (int u = 0; u < users; u++) {
                String now = VariantAssigner.assign(route, null, "user-" + u).variant().name();
                if ("llama-3-70b".equals(previous[u])) {
                    assertEquals("llama-3-70b", now, "user-" + u + " moved back to stable at canary weight " + step);
                }
                previous[u] = now;
            }
        }
        for (String p : previous) {
            assertEquals("llama-3-70b", p);
        }
    }

    @Test
    void monotoneAlsoWithUnnormalisedWeights() {
        // weights are proportional integers, not percentages: 3:1 -> 3:2 -> 3:7
        int[][] steps = {{3, 1}, {3, 2}, {3, 7}, {1, 9}};
        String[] previous = new String[5000];
        for (int[] w : steps) {
            Route route = split(w[0], w[1]);
            for (int u = 0; u < previous.length; u++) {
                String now = VariantAssigner.assign(route, null, "k" + u).variant().name();
                if ("llama-3-70b".equals(previous[u])) {
                    assertEquals("llama-3-70b", now);
                }
                previous[u] = now;
            }
        }
    }

    @Test
    void bucketBoundaryMatchesTheShare() {
        Route route = split(70, 30);
        assertEquals("llama-3-70b", route.variantForBucket(0).name());
        assertEquals("llama-3-70b", route.variantForBucket(2999).name());
        assertEquals("llama-2-70b", route.variantForBucket(3000).name());
        assertEquals("llama-2-70b", route.variantForBucket(9999).name());
        assertNotEquals(route.variantForBucket(0), route.variantForBucket(9999));
    }
}
