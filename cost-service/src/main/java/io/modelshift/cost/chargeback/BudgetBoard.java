package io.modelshift.cost.chargeback;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.modelshift.cost.tco.Percent;
import io.modelshift.cost.tco.UnitCost;
import io.modelshift.cost.usage.Period;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.modelshift.cost.tco.OnPremCost.f;

/**
 * Month-to-date spend, budgets and cost per 1M tokens, recomputed from the ledger on a schedule and exposed as
 * {@code modelshift_cost_*} gauges (and through {@code GET /v1/budgets}).
 */
@ApplicationScoped
@Startup
public class BudgetBoard {

    private static final Logger LOG = Logger.getLogger(BudgetBoard.class);

    private final ChargebackService chargeback;
    private final Clock clock;
    private final MultiGauge spend;
    private final MultiGauge budgetLimit;
    private final MultiGauge budgetUsed;
    private final MultiGauge budgetState;
    private final MultiGauge projected;
    private final MultiGauge perMillion;

    public BudgetBoard(ChargebackService chargeback, Clock clock, MeterRegistry registry) {
        this.chargeback = chargeback;
        this.clock = clock;
        this.spend = gauge(registry, "modelshift.cost.spend.usd", "month-to-date spend by tenant, route and variant, idle shared per cost.idle-sharing");
        this.budgetLimit = gauge(registry, "modelshift.cost.budget.limit.usd", "monthly budget by tenant");
        this.budgetUsed = gauge(registry, "modelshift.cost.budget.used.ratio", "month-to-date spend / monthly budget");
        this.budgetState = gauge(registry, "modelshift.cost.budget.state", "0 ok, 1 warning, 2 exceeded");
        this.projected = gauge(registry, "modelshift.cost.projected.monthly.usd", "spend / elapsed hours × the month's hours, by tenant; tenant=(all) for the total");
        this.perMillion = gauge(registry, "modelshift.cost.per.million.tokens.usd", "USD per 1M tokens by model and deployment");
        chargeback.deployments();   // a bad deployment config fails the boot, not the first scrape
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String help) {
        return MultiGauge.builder(name).description(help).register(registry);
    }

    @Scheduled(every = "{cost.metrics-refresh}", delayed = "1s")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("cost metrics not refreshed: %s", e.getMessage());
        }
    }

    /**
     * Month-to-date spend projected to the end of the calendar month its period starts in: budgets are per calendar
     * month, and self-hosted cost accrues per hour, so February has 672 hours and October 744, not the 730-hour
     * average month of the TCO figures.
     */
    static double projectMonth(double spent, Period monthToDate) {
        double monthHours = YearMonth.from(monthToDate.from().atZone(ZoneOffset.UTC)).lengthOfMonth() * 24.0;
        return spent / Math.max(monthToDate.hours(), 1) * monthHours;
    }

    /** Recomputes month-to-date figures, updates the gauges and returns the budget states. */
    public List<BudgetState> refresh() {
        Period period = new Period(Period.monthStart(clock.instant()), clock.instant().plusMillis(1));
        ChargebackReport report = chargeback.report(period, IdleSharing.parse(chargeback.config().idleSharing(),
                IdleSharing.WEIGHTED));
        Map<String, Double> byTenant = new TreeMap<>();
        report.groupBy("tenant").forEach(l -> byTenant.put(l.tenant(), l.total()));

        spend.register(report.groupBy("tenant,route,variant").stream()
                .map(l -> MultiGauge.Row.of(Tags.of("tenant", l.tenant(), "route", l.route(), "variant", l.variant()),
                        l.total())).toList(), true);
        List<MultiGauge.Row<?>> projections = new ArrayList<>();
        byTenant.forEach((t, v) -> projections.add(MultiGauge.Row.of(Tags.of("tenant", t),
                projectMonth(v, period))));
        projections.add(MultiGauge.Row.of(Tags.of("tenant", "(all)"), projectMonth(report.total(), period)));
        projected.register(projections, true);

        List<BudgetState> states = new ArrayList<>();
        chargeback.config().budgets().forEach((tenant, limit) -> {
            double spent = byTenant.getOrDefault(tenant, 0.0);
            double projection = projectMonth(spent, period);
            BudgetState.State state = spent >= limit ? BudgetState.State.EXCEEDED
                    : spent >= limit * chargeback.config().budgetWarning()
                    || projection >= limit ? BudgetState.State.WARNING : BudgetState.State.OK;
            states.add(new BudgetState(tenant, limit, spent, projection,
                    Percent.of(spent, limit, f("$%.2f spent / $%.2f budget", spent, limit)), state, period));
        });
        budgetLimit.register(states.stream().map(s -> MultiGauge.Row.of(Tags.of("tenant", s.tenant()),
                s.limitUsd())).toList(), true);
        budgetUsed.register(states.stream().map(s -> MultiGauge.Row.of(Tags.of("tenant", s.tenant()),
                s.limitUsd() == 0 ? 0 : s.spentUsd() / s.limitUsd())).toList(), true);
        budgetState.register(states.stream().map(s -> MultiGauge.Row.of(Tags.of("tenant", s.tenant()),
                s.state().ordinal())).toList(), true);
        perMillion.register(unitCostRows(report, period), true);
        return states;
    }

    private List<MultiGauge.Row<?>> unitCostRows(ChargebackReport report, Period period) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (DeploymentUnitCost d : chargeback.unitCosts(report, period)) {
            for (UnitCost u : d.perMillion()) {
                if (u.blended() == null) {
                    continue;
                }
                Tags tags = Tags.of("model", d.model(), "deployment", d.deployment(), "basis", u.basis());
                rows.add(MultiGauge.Row.of(tags.and("direction", "input"), u.input()));
                rows.add(MultiGauge.Row.of(tags.and("direction", "output"), u.output()));
                rows.add(MultiGauge.Row.of(tags.and("direction", "blended"), u.blended()));
            }
        }
        report.basis().forEach((variant, pricing) -> {
            if (pricing.price() != null) {
                Tags tags = Tags.of("model", pricing.price().model(), "deployment", variant, "basis", "list");
                rows.add(MultiGauge.Row.of(tags.and("direction", "input"), pricing.price().inputPerMillion()));
                rows.add(MultiGauge.Row.of(tags.and("direction", "output"), pricing.price().outputPerMillion()));
            }
        });
        return rows;
    }
}
