package io.modelshift.gateway.access;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTest {

    static final String KEYS = """
            keys:
              - id: team-a
                sha256: %s
                tenant: acme
                roles: [client]
                rpm: 2
                tpm: 100
                max_tokens: 256
                routes: [llama-70b]
              - id: qa
                sha256: %s
                roles: [tester]
            """.formatted(KeyRing.sha256Hex("sk-team-a"), KeyRing.sha256Hex("sk-qa"));

    @Test
    void findsKeysByHashOnly() throws Exception {
        KeyRing ring = KeyRing.parse(KEYS);
        ApiKey a = ring.find("sk-team-a");
        assertNotNull(a);
        assertEquals("acme", a.tenant());
        assertEquals(Set.of(Role.CLIENT), a.roles());
        assertTrue(a.mayUse("llama-70b"));
        assertFalse(a.mayUse("other"));
        assertFalse(a.mayPinVariants());
        assertEquals(256, a.maxTokens());
        ApiKey qa = ring.find("sk-qa");
        assertEquals("qa", qa.tenant(), "tenant defaults to the id");
        assertTrue(qa.mayPinVariants());
        assertTrue(qa.mayUse("anything"));
        assertNull(ring.find("sk-team-b"));
        assertNull(ring.find(""));
        assertNull(ring.find("SK-TEAM-A"));
    }

    @Test
    void rejectsBadKeysFiles() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse("keys: [{id: x, sha256: zz}]"));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse("keys: [{id: x, sha256: abcd}]"));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(
                "keys: [{id: x, sha256: " + KeyRing.sha256Hex("a") + ", roles: [root]}]"));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(
                "keys: [{id: x, sha256: " + KeyRing.sha256Hex("a") + "}, {id: x, sha256: "
                        + KeyRing.sha256Hex("b") + "}]"));
    }

    @Test
    void requestsPerMinuteAreLimitedWithRetryAfter() throws Exception {
        ApiKey key = KeyRing.parse(KEYS).find("sk-team-a");
        KeyLimits limits = new KeyLimits();
        long t = 1_000_000_000L;
        assertNull(limits.admit(key, t));
        assertNull(limits.admit(key, t));
        KeyLimits.Rejection third = limits.admit(key, t);
        assertNotNull(third);
        assertEquals(429, third.error().status());
        assertEquals(30, third.retryAfterSeconds(), "2 rpm refill one request every 30 s");
        assertNull(limits.admit(key, t + 30_000_000_000L), "refilled after 30 s");
    }

    @Test
    void tokensPerMinuteAreDebitedAfterUse() throws Exception {
        ApiKey key = new ApiKey("k", KeyRing.sha256("x"), "t", Set.of(Role.CLIENT), 0, 60, 0, Set.of());
        KeyLimits limits = new KeyLimits();
        long t = 5_000_000_000L;
        assertNull(limits.admit(key, t));
        limits.charge(key, 90, t); // used more than the 60 left: the bucket goes into debt
        KeyLimits.Rejection r = limits.admit(key, t);
        assertNotNull(r);
        assertTrue(r.error().message().contains("tokens per minute"));
        assertEquals(31, r.retryAfterSeconds(), "debt of 30 tokens + 1 at 1 token/s");
        assertNull(limits.admit(key, t + 31_000_000_000L));
    }

    @Test
    void unlimitedKeysAreNeverRefused() {
        ApiKey key = new ApiKey("k", KeyRing.sha256("x"), "t", Set.of(Role.CLIENT), 0, 0, 0, Set.of());
        KeyLimits limits = new KeyLimits();
        for (int i = 0; i < 10_000; i++) {
            assertNull(limits.admit(key, i));
        }
    }

    @Test
    void tokenBucketRefillsContinuouslyUpToCapacity() {
        TokenBucket b = new TokenBucket(60, 0);
        assertEquals(0, b.tryTake(60, 0));
        assertTrue(b.tryTake(1, 0) > 0);
        assertEquals(0, b.tryTake(1, 1_000_000_000L));
        assertEquals(60, b.level(3_600_000_000_000L), 1e-9);
    }
}
