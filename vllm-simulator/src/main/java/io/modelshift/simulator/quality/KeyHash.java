package io.modelshift.simulator.quality;

/**
 * Polynomial hashes of text windows (mod 2^64) and a small open-addressing table keyed by them, so that looking up
 * every window of a prompt allocates nothing. Equal windows have equal hashes; unequal ones rarely collide, and
 * callers verify candidates against the text anyway.
 */
final class KeyHash {

    private static final long BASE = 0x100000001b3L;
    /** BASE^n for the window lengths used (keys are at most {@link AnswerKeys#KEY_CHARS} characters). */
    private static final long[] POWERS = new long[AnswerKeys.KEY_CHARS + 1];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * BASE;
        }
    }

    private KeyHash() {
    }

    static long of(String key) {
        long h = 0;
        for (int i = 0; i < key.length(); i++) {
            h = h * BASE + key.charAt(i);
        }
        return h;
    }

    /** {@code p[i]} is the hash of the first {@code i} characters. */
    static long[] prefixes(String text) {
        long[] p = new long[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            p[i + 1] = p[i] * BASE + text.charAt(i);
        }
        return p;
    }

    /** The hash of {@code text[from, from + len)}, equal to {@link #of} of that substring; len <= KEY_CHARS. */
    static long window(long[] prefixes, int from, int len) {
        return prefixes[from + len] - prefixes[from] * POWERS[len];
    }

    /**
     * Fixed-size map from a hash to a value (linear probing; filled once, then read-only). A 32 KB bit filter in
     * front answers most misses without touching the larger table (most windows of a prompt are not keys).
     */
    static final class Table<V> {
        private static final int FILTER_BITS = 1 << 18;
        private final long[] filter = new long[FILTER_BITS / 64];
        private final long[] keys;
        private final Object[] values;
        private final int mask;

        Table(int expected) {
            int size = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new long[size];
            values = new Object[size];
            mask = size - 1;
        }

        void put(long key, V value) {
            int bit = filterBit(key);
            filter[bit >>> 6] |= 1L << bit;
            int i = slot(key);
            while (values[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }

        @SuppressWarnings("unchecked")
        V get(long key) {
            int bit = filterBit(key);
            if ((filter[bit >>> 6] & (1L << bit)) == 0) {
                return null;
            }
            for (int i = slot(key); values[i] != null; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return (V) values[i];
                }
            }
            return null;
        }

        private static int filterBit(long key) {
            return (int) ((key * 0xC2B2AE3D27D4EB4FL) >>> 46);
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }
    }
}
