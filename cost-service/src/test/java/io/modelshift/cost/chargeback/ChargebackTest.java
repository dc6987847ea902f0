package io.modelshift.cost.chargeback;

import io.modelshift.cost.pricebook.PriceEntry;
import io.modelshift.cost.usage.Period;
import io.modelshift.cost.usage.UsageLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A self-hosted variant costing $1,000 in the period with capacity for 15,000 tokens, used by tenant a (1,000 in,
 * 500 out: 2,000 weighted with w = 2) and tenant b (6,000 in: 6,000 weighted). Input share 7,000 / 7,500, so the
 * weighted capacity is 15,000 × (0.9333 + 2 × 0.0667) = 16,000 and the rate $1,000 / 16,000 = $0.0625 per weighted
 * token: a $125, b $375, idle $500. Tenant a also used gpt-4o-mini for 1M in + 1M out: $0.15 + $0.60.
 */
class ChargebackTest {

    static final Period PERIOD = new Period(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    static final List<UsageLine> USAGE = List.of(
            new UsageLine("a", "chat", "llama", "m", 10, 1000, 500, 5),
            new UsageLine("b", "chat", "llama", "m", 30, 6000, 0, 9),
            new UsageLine("a", "chat", "gpt", "gpt-4o-mini", 3, 1_000_000, 1_000_000, 1));
    static final Map<String, VariantPricing> PRICING = Map.of(
            "llama", VariantPricing.selfHosted("llama", 1000, 15_000.0, "test"),
            "gpt", VariantPricing.api("gpt", new PriceEntry("gpt-4o-mini", "openai", 0.15e-6, 0.6e-6, null, null,
                    null, null)));

    static double tenant(ChargebackReport r, String tenant) {
        return r.groupBy("tenant").stream().filter(l -> l.tenant().equals(tenant)).mapToDouble(ChargeLine::total)
                .sum();
    }

    @ParameterizedTest
    @EnumSource(IdleSharing.class)
    void rowsAddUpToTheTotal(IdleSharing sharing) {
        ChargebackReport r = Chargeback.allocate(PERIOD, USAGE, PRICING, sharing, 2);
        assertEquals(1000.75, r.total(), 1e-9);
        assertEquals(r.total(), r.lines().stream().mapToDouble(ChargeLine::total).sum(), 1e-9);
        for (String by : List.of("tenant", "route", "variant", "tenant,route,variant")) {
            assertEquals(r.total(), r.groupBy(by).stream().mapToDouble(ChargeLine::total).sum(), 1e-9, by);
        }
    }

    @Test
    void idleStaysItsOwnLineWithNone() {
        ChargebackReport r = Chargeback.allocate(PERIOD, USAGE, PRICING, IdleSharing.NONE, 2);
        assertEquals(125 + 0.75, tenant(r, "a"), 1e-9);
        assertEquals(375, tenant(r, "b"), 1e-9);
        assertEquals(500, tenant(r, ChargeLine.IDLE), 1e-9);
        assertEquals(500, r.idleUnshared(), 1e-9);
    }

    @Test
    void idleSharedByCostWithWeighted() {
        ChargebackReport r = Chargeback.allocate(PERIOD, USAGE, PRICING, IdleSharing.WEIGHTED, 2);
        assertEquals(125 + 125 + 0.75, tenant(r, "a"), 1e-9);   // 500 × 125 / 500
        assertEquals(375 + 375, tenant(r, "b"), 1e-9);
        assertEquals(0, r.idleUnshared(), 1e-9);
    }

    @Test
    void idleSplitEquallyWithEven() {
        ChargebackReport r = Chargeback.allocate(PERIOD, USAGE, PRICING, IdleSharing.EVEN, 2);
        assertEquals(125 + 250 + 0.75, tenant(r, "a"), 1e-9);
        assertEquals(375 + 250, tenant(r, "b"), 1e-9);
    }

    @Test
    void unusedDeploymentIsAllIdleAndUnpricedVariantsAreFlagged() {
        ChargebackReport r = Chargeback.allocate(PERIOD,
                List.of(new UsageLine("a", "chat", "mystery", null, 1, 10, 10, 1)), PRICING, IdleSharing.WEIGHTED, 2);
        assertEquals(1000, r.total(), 1e-9);
        assertEquals(1000, r.idleUnshared(), 1e-9);
        assertTrue(r.warnings().get(0).contains("'mystery' has no cost source"), r.warnings().toString());
    }
}
