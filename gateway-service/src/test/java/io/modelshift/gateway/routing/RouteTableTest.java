package io.modelshift.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    static final String YAML = """
            routes:
              - name: llama-70b
                stable: llama-2-70b
                stickiness: header:X-Session-Id
                salt: s1
                shadow: {fraction: 0.25, max_concurrent: 4}
                variants:
                  - {name: llama-2-70b, url: "http://127.0.0.1:9001/v1", model: meta-llama/Llama-2-70b-chat-hf, weight: 90}
                  - {name: llama-3-70b, url: "http://127.0.0.1:9002/v1", model: meta-llama/Meta-Llama-3-70B-Instruct, weight: 10}
              - name: embed
                stickiness: none
                variants:
                  - {name: e5, url: "http://127.0.0.1:9003/v1"}
            """;

    @Test
    void parsesTheRoutesFile() throws Exception {
        List<Route> routes = RouteFile.parse(YAML);
        assertEquals(2, routes.size());
        Route r = routes.get(0);
        assertEquals("llama-2-70b", r.stable());
        assertEquals(Stickiness.Kind.HEADER, r.stickiness().kind());
        assertEquals("x-session-id", r.stickiness().header());
        assertEquals(0.25, r.shadow().fraction());
        assertEquals("llama-3-70b", r.shadowTarget(r.variant("llama-2-70b")).name());
        assertEquals("meta-llama/Meta-Llama-3-70B-Instruct", r.variant("llama-3-70b").upstreamModel());
        Route e = routes.get(1);
        assertEquals("e5", e.stable());
        assertEquals(1, e.variant("e5").weight());
        assertNull(e.variant("e5").upstreamModel());
    }

    @Test
    void rejectsBrokenFilesWithTheFieldAtFault() {
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class, () -> RouteFile.parse("""
                routes:
                  - name: r
                    variants: [{name: a}]
                """));
        assertTrue(noUrl.getMessage().contains("url"), noUrl.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RouteFile.parse("""
                routes:
                  - name: r
                    stable: nope
                    variants: [{name: a, url: "http://x/v1"}]
                """));
        assertThrows(IllegalArgumentException.class, () -> RouteFile.parse("""
                routes:
                  - name: r
                    variants: [{name: a, url: "http://x/v1", weight: -1}]
                """));
        assertThrows(IllegalArgumentException.class, () -> RouteFile.parse("""
                routes:
                  - {name: r, variants: [{name: a, url: "http://x/v1"}], stickiness: cookie}
                """));
    }

    @Test
    void variantNamesMustBeUniqueAcrossRoutes() throws Exception {
        List<Route> routes = RouteFile.parse("""
                routes:
                  - {name: r1, variants: [{name: a, url: "http://x/v1"}]}
                  - {name: r2, variants: [{name: a, url: "http://y/v1"}]}
                """);
        assertThrows(IllegalArgumentException.class, () -> RouteSnapshot.of(1, "t", routes));
    }

    @Test
    void resolvesRoutesAndVariantNames() throws Exception {
        RouteSnapshot s = RouteSnapshot.of(1, "t", RouteFile.parse(YAML));
        assertEquals("llama-70b", s.resolve("llama-70b").route().name());
        assertNull(s.resolve("llama-70b").pinned());
        assertEquals("llama-3-70b", s.resolve("llama-3-70b").pinned().name());
        assertNull(s.resolve("gpt-4"));
    }

    @Test
    void applyChangesWeightsAtomicallyAndTellsListeners() throws Exception {
        AtomicRouteTable table = new AtomicRouteTable();
        table.replaceAll(RouteFile.parse(YAML), "test");
        AtomicReference<RouteSnapshot> seen = new AtomicReference<>();
        table.addListener(seen::set);
        RouteSnapshot before = table.snapshot();
        RouteSnapshot after = table.apply(new RouteUpdate("llama-70b", Map.of("llama-2-70b", 50, "llama-3-70b", 50),
                new Shadow(0, null, 0), "step 2"));
        assertSame(after, table.snapshot());
        assertSame(after, seen.get());
        assertEquals(before.version() + 1, after.version());
        assertEquals(50, after.routes().get("llama-70b").variant("llama-3-70b").weight());
        assertEquals(10, before.routes().get("llama-70b").variant("llama-3-70b").weight(), "old snapshot unchanged");
        assertEquals(0, after.routes().get("llama-70b").shadow().fraction());
        assertEquals("step 2", after.source());
        // the other route is untouched
        assertSame(before.routes().get("embed"), after.routes().get("embed"));
    }

    @Test
    void applyRefusesInvalidUpdatesAndKeepsTheTable() throws Exception {
        AtomicRouteTable table = new AtomicRouteTable();
        table.replaceAll(RouteFile.parse(YAML), "test");
        RouteSnapshot before = table.snapshot();
        assertThrows(IllegalArgumentException.class, () -> table.apply(new RouteUpdate("nope", Map.of(), null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> table.apply(new RouteUpdate("llama-70b", Map.of("ghost", 5), null, null)));
        assertThrows(IllegalArgumentException.class, () -> table.apply(
                new RouteUpdate("llama-70b", Map.of("llama-2-70b", 0, "llama-3-70b", 0), null, null)));
        assertSame(before, table.snapshot());
    }

    @Test
    void pinsWinOverBucketsAndKeepTheBucket() throws Exception {
        Route r = RouteFile.parse(YAML).get(0);
        Assignment a = VariantAssigner.assign(r, r.variant("llama-3-70b"), "user-1");
        assertTrue(a.pinned());
        assertEquals("llama-3-70b", a.variant().name());
        assertEquals(StickyBucketer.bucket("s1", "user-1"), a.bucket());
    }

    @Test
    void observedTrafficCountsPerVariant() {
        VariantTraffic t = new VariantTraffic();
        for (int i = 0; i < 3; i++) {
            t.count("r", "a");
        }
        t.count("r", "b");
        assertEquals(Map.of("a", 3L, "b", 1L), t.observed("r"));
        assertEquals(0.75, t.observedShare("r").get("a"));
        assertTrue(t.observed("other").isEmpty());
    }
}
