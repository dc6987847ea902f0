package io.modelshift.gateway.routing;

import java.nio.charset.StandardCharsets;

/**
 * Hashes a stickiness key and a per-route salt into one of {@value #BUCKETS} buckets. The same key and salt always
 * give the same bucket, on every replica and across restarts; changing the salt reshuffles a route's users.
 */
public final class StickyBucketer {

    public static final int BUCKETS = 10_000;

    private StickyBucketer() {
    }

    public static int bucket(String salt, String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over salt, a separator, then the key
        h = fnv(h, salt);
        h = (h ^ 0xff) * 0x100000001b3L;
        h = fnv(h, key);
        // the splitmix64 finaliser spreads FNV's weak low bits before the modulo
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }

    private static long fnv(long h, String s) {
        if (s == null) {
            return h;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
