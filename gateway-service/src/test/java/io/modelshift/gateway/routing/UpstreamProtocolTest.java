package io.modelshift.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-variant {@code protocol} of the route file, and that rollout-built variants keep it. */
class UpstreamProtocolTest {

    static final String YAML = """
            routes:
              - name: llama-70b
                stable: llama-2-70b
                variants:
                  - {name: llama-2-70b, url: "http://proxy-l2:8080/v1", weight: 90}
                  - {name: llama-3-70b, url: "http://proxy-l3:8080/v1", weight: 10, protocol: h2c}
            """;

    @Test
    void routeFileStatesTheProtocolPerVariantWithHttp11AsDefault() throws Exception {
        Route r = RouteFile.parse(YAML).get(0);
        assertEquals(UpstreamProtocol.HTTP_1_1, r.variant("llama-2-70b").protocol());
        assertEquals(UpstreamProtocol.H2C, r.variant("llama-3-70b").protocol());
        assertEquals(UpstreamProtocol.H2C, r.variant("llama-3-70b").withWeight(50).protocol());
        assertEquals(UpstreamProtocol.H2C, UpstreamProtocol.parse("H2C"));
        assertEquals(UpstreamProtocol.HTTP_1_1, new Variant("v", "http://x/v1", null, 1).effectiveProtocol());
    }

    @Test
    void badProtocolsAreRefusedWithTheVariantAtFault() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RouteFile.parse(YAML.replace("protocol: h2c", "protocol: h3")));
        assertEquals("variant 'llama-3-70b': unknown protocol 'h3' (use http/1.1 or h2c)", unknown.getMessage());
        IllegalArgumentException tls = assertThrows(IllegalArgumentException.class,
                () -> RouteFile.parse(YAML.replace("\"http://proxy-l3", "\"https://proxy-l3")));
        assertTrue(tls.getMessage().contains("h2c is HTTP/2 over cleartext"), tls.getMessage());
    }

    @Test
    void variantsWithoutAStatedProtocolKeepTheOneTheirUpstreamHad() throws Exception {
        AtomicRouteTable table = new AtomicRouteTable();
        table.replaceAll(RouteFile.parse(YAML), "file");
        // what the rollout controller does: variants rebuilt from the ModelRollout, protocol not stated
        table.replaceAll(List.of(new Route("llama-70b", List.of(
                new Variant("llama-2-70b", "http://proxy-l2:8080/v1", null, 50),
                new Variant("llama-3-70b", "http://proxy-l3:8080/v1", null, 50),
                new Variant("llama-31", "http://proxy-l31:8080/v1", null, 0)), "llama-2-70b", null, null, null)),
                "rollout");
        Route r = table.snapshot().routes().get("llama-70b");
        assertEquals(UpstreamProtocol.H2C, r.variant("llama-3-70b").protocol());
        assertEquals(UpstreamProtocol.HTTP_1_1, r.variant("llama-2-70b").protocol());
        assertNull(r.variant("llama-31").protocol(), "a new upstream stays unstated");
        assertEquals(UpstreamProtocol.HTTP_1_1, r.variant("llama-31").effectiveProtocol());
        table.apply(new RouteUpdate("llama-70b", Map.of("llama-3-70b", 100), null, "step"));
        assertEquals(UpstreamProtocol.H2C, table.snapshot().routes().get("llama-70b").variant("llama-3-70b")
                .protocol());
        // the file stating HTTP/1.1 again wins
        table.replaceAll(RouteFile.parse(YAML.replace(", protocol: h2c", "")), "file");
        assertEquals(UpstreamProtocol.HTTP_1_1, table.snapshot().routes().get("llama-70b").variant("llama-3-70b")
                .protocol());
    }
}
