package io.modelshift.evaluation.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistics against published worked examples. */
class TextbookValuesTest {

    @Test
    void wilsonMatchesNewcombe1998() {
        // Newcombe (1998) Stat Med 17:857, Table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605
        Interval a = Wilson.interval(81, 263, 0.05);
        assertEquals(0.2553, a.low(), 5e-5);
        assertEquals(0.3662, a.high(), 5e-5);
        Interval b = Wilson.interval(15, 148, 0.05);
        assertEquals(0.0624, b.low(), 5e-5);
        assertEquals(0.1605, b.high(), 5e-5);
        // 0/10: Wilson stays informative where Wald collapses to [0,0]; Newcombe gives 0 to 0.2775
        assertEquals(0.2775, Wilson.interval(0, 10, 0.05).high(), 5e-5);
    }

    @Test
    void newcombeHybridDifferenceMatchesMethod10() {
        // Newcombe (1998) Stat Med 17:873, example 56/70 - 48/80: method 10 gives 0.0524 to 0.3339
        Interval d = Wilson.difference(56, 70, 48, 80, 0.05);
        assertEquals(0.2, d.estimate(), 1e-12);
        assertEquals(0.0524, d.low(), 5e-5);
        assertEquals(0.3339, d.high(), 5e-5);
    }

    @Test
    void mcnemarExact() {
        // b=1, c=9: 2 * P[X<=1 | 10, 1/2] = 2 * 11/1024
        assertEquals(22.0 / 1024, McNemar.exactP(1, 9), 1e-12);
        assertEquals(1.0, McNemar.exactP(0, 0));
        assertEquals(1.0, McNemar.exactP(5, 5));
        // b=0, c=6: 2 * (1/2)^6 = 0.03125
        assertEquals(0.03125, McNemar.exactP(6, 0), 1e-12);
        // sign test: P[X >= 9 | 10, 1/2] = 11/1024
        assertEquals(11.0 / 1024, McNemar.upperTail(9, 10, 0.5), 1e-12);
    }

    @Test
    void passAtKUnbiasedEstimator() {
        assertEquals(0.3, PassAtK.estimate(10, 3, 1), 1e-12);
        // 1 - C(7,5)/C(10,5) = 1 - 21/252
        assertEquals(1 - 21.0 / 252, PassAtK.estimate(10, 3, 5), 1e-12);
        assertEquals(1.0, PassAtK.estimate(10, 6, 5), "n - c < k: every k-subset holds a correct sample");
        assertEquals(0.0, PassAtK.estimate(10, 0, 5));
        // 200 samples, 10 correct, pass@100 = 1 - C(190,100)/C(200,100)
        double exact = 1 - Math.exp(logChoose(190, 100) - logChoose(200, 100));
        assertEquals(exact, PassAtK.estimate(200, 10, 100), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(3, 1, 5));
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    @Test
    void pairedDifferenceEqualsPairedWald() {
        // 100 items: b = 10 (baseline only), c = 20 (candidate only): delta = 0.1
        double[] d = new double[100];
        for (int i = 0; i < 10; i++) {
            d[i] = -1;
        }
        for (int i = 10; i < 30; i++) {
            d[i] = 1;
        }
        Interval interval = PairedDifference.interval(d, 0.05);
        assertEquals(0.1, interval.estimate(), 1e-12);
        double wald = Math.sqrt(0.30 - 0.01) / Math.sqrt(100) * Math.sqrt(100.0 / 99);
        assertEquals(1.959964 * wald, interval.high() - 0.1, 1e-5);
    }

    @Test
    void holmAndBenjaminiHochberg() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02}, Multiplicity.holm(p), 1e-12);
        assertArrayEquals(new double[]{0.02, 0.04, 0.04, 0.02}, Multiplicity.benjaminiHochberg(p), 1e-12);
    }

    @Test
    void zQuantile() {
        assertEquals(1.959964, Normal.z(0.05), 1e-6);
        assertEquals(2.575829, Normal.z(0.01), 1e-6);
    }

    @Test
    void confidenceSequenceIsWiderThanAFixedNIntervalAndTightestNearItsTuning() {
        double fixed = Normal.z(0.05) / Math.sqrt(1000);
        double sequence = ConfidenceSequence.halfWidth(1000, 1.0, 0.05, 1000);
        assertTrue(sequence > fixed && sequence < 2.5 * fixed, sequence + " vs " + fixed);
        assertTrue(ConfidenceSequence.halfWidth(4000, 1.0, 0.05, 1000) < sequence);
    }

    @Test
    void confidenceSequenceKeepsItsErrorRateUnderContinuousMonitoring() {
        // 400 null streams looked at after every observation up to 2000: a fixed-n 95% interval would exclude
        // the truth at some look in far more than 5% of streams; the sequence must stay at or under about 5%.
        Random random = new Random(42);
        int paths = 400;
        int sequenceErrors = 0;
        int naiveErrors = 0;
        for (int p = 0; p < paths; p++) {
            Moments m = new Moments();
            boolean seqMiss = false;
            boolean naiveMiss = false;
            for (int t = 1; t <= 2000; t++) {
                m.add(random.nextBoolean() ? 1 : 0);
                if (t < 30) {
                    continue;
                }
                Interval ci = ConfidenceSequence.forMean(m, 0.05, 500);
                seqMiss |= ci.excludes(0.5);
                double half = Normal.z(0.05) * m.sd() / Math.sqrt(t);
                naiveMiss |= Math.abs(m.mean() - 0.5) > half;
            }
            sequenceErrors += seqMiss ? 1 : 0;
            naiveErrors += naiveMiss ? 1 : 0;
        }
        assertTrue(sequenceErrors <= paths * 0.06, "anytime errors " + sequenceErrors + "/" + paths);
        assertTrue(naiveErrors > paths * 0.2, "peeking at a fixed-n interval inflates errors: " + naiveErrors);
    }

    @Test
    void anytimePValueIsSmallForAClearlyWorseCandidate() {
        Moments baseline = new Moments();
        Moments candidate = new Moments();
        Random random = new Random(1);
        for (int i = 0; i < 3000; i++) {
            baseline.add(random.nextDouble() < 0.9 ? 1 : 0);
            candidate.add(random.nextDouble() < 0.8 ? 1 : 0);
        }
        assertTrue(ConfidenceSequence.pBelow(candidate, baseline, -0.02, 1000) < 0.001);
        assertEquals(1.0, ConfidenceSequence.pBelow(baseline, baseline, -0.02, 1000));
    }
}
