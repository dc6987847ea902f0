package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareCatalog;
import io.modelshift.cost.hardware.HardwareProfile;
import io.modelshift.cost.hardware.MemoryFit;
import io.modelshift.cost.hardware.ModelArchitecture;
import io.modelshift.cost.pricebook.PriceBook;
import io.modelshift.cost.pricebook.PriceEntry;
import io.modelshift.cost.tco.ScenarioResult.Capacity;
import io.modelshift.cost.tco.ScenarioResult.Comparison;
import io.modelshift.cost.tco.ScenarioResult.FirstYear;
import io.modelshift.cost.tco.ScenarioResult.MonthPoint;
import io.modelshift.cost.tco.ScenarioResult.OptionResult;
import io.modelshift.cost.tco.ScenarioResult.SensitivityRow;
import io.modelshift.cost.tco.ScenarioResult.Utilisation;
import io.modelshift.api.openai.InvalidRequestException;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.modelshift.cost.tco.OnPremCost.f;

/** Turns a {@link Scenario} into costs, break-evens, a sensitivity table and warnings. Pure: no I/O. */
public final class ScenarioEvaluator {

    static final int BREAK_EVEN_SCAN_MONTHS = 120;
    static final int MAX_MONTHS = 600;
    static final double LOW_UTILISATION = 0.10;
    static final long STALE_DAYS = 90;
    static final double[] MULTIPLIERS = {0.5, 0.75, 1.25, 1.5};

    private final PriceBook book;
    private final HardwareCatalog catalog;
    private final LocalDate today;

    public ScenarioEvaluator(PriceBook book, HardwareCatalog catalog, LocalDate today) {
        this.book = book;
        this.catalog = catalog;
        this.today = today;
    }

    sealed interface Resolved permits Api, OnPrem {
        String name();
    }

    record Api(String name, String requested, PriceEntry price) implements Resolved {
    }

    record OnPrem(String name, HardwareProfile profile, ModelArchitecture model, int replicas, double tps,
                  String tpsSource, MemoryFit fit) implements Resolved {
    }

    /** Multipliers applied to inputs for the sensitivity table. */
    record Mod(double volume, double electricity, double gpuPrice, double apiPrice) {
        static final Mod NONE = new Mod(1, 1, 1, 1);
    }

    /** Cumulative cash by month (index 0 = purchase day) and the purchases made at the start of each month. */
    record Series(double[] cumulativeCash, double[] purchases, double opexMonth1, double costMonth1) {
    }

    record Run(List<OptionResult> options, List<Comparison> comparisons) {
    }

    public ScenarioResult evaluate(Scenario s) {
        if (s == null) {
            throw InvalidRequestException.badRequest("A scenario body is required", null, "missing_body");
        }
        if (s.horizon() < 1 || s.horizon() > MAX_MONTHS) {
            throw InvalidRequestException.badRequest("months must be between 1 and " + MAX_MONTHS + ", got " + s.horizon(),
                    "months", "invalid_value");
        }
        if (!(s.target() > 0 && s.target() <= 1)) {
            throw InvalidRequestException.badRequest("targetUtilisation must be in (0, 1], got " + s.target(),
                    "targetUtilisation", "invalid_value");
        }
        if (!(s.weight() > 0) || Double.isInfinite(s.weight())) {
            throw InvalidRequestException.badRequest("outputWeight must be > 0, got " + s.weight(), "outputWeight",
                    "invalid_value");
        }
        Volume volume = Volume.resolve(s.workload());
        List<Resolved> options = resolve(s);
        Run base = run(s, volume, options, Mod.NONE);
        return new ScenarioResult(s.name() == null ? "scenario" : s.name(), today, volume,
                TimeBase.HOURS_PER_MONTH, s.target(), s.weight(), base.options(), base.comparisons(),
                sensitivity(s, volume, options), warnings(s, options, base));
    }

    // ---- resolving inputs -------------------------------------------------------------------------------------

    private List<Resolved> resolve(Scenario s) {
        if (s.options() == null || s.options().isEmpty()) {
            throw InvalidRequestException.badRequest("A scenario needs at least one option", "options", "missing_field");
        }
        List<Resolved> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < s.options().size(); i++) {
            ScenarioOption o = s.options().get(i);
            String at = "options[" + i + "]";
            if (o == null || o.type() == null) {
                throw InvalidRequestException.badRequest(at + ".type is required: \"api\" or \"onprem\"", at + ".type",
                        "missing_field");
            }
            Resolved r = switch (o.type().toLowerCase(java.util.Locale.ROOT)) {
                case "api" -> resolveApi(o, at, i);
                case "onprem" -> resolveOnPrem(o, at);
                default -> throw InvalidRequestException.badRequest("Unknown option type '" + o.type()
                        + "'. Known types: api, onprem.", at + ".type", "invalid_value");
            };
            if (!names.add(r.name())) {
                throw InvalidRequestException.badRequest("Two options are named '" + r.name() + "'; give each a unique name",
                        at + ".name", "duplicate_name");
            }
            out.add(r);
        }
        return out;
    }

    private Api resolveApi(ScenarioOption o, String at, int index) {
        if (o.price() != null) {
            ScenarioOption.InlinePrice p = o.price();
            if (p.inputPerMillion() == null || p.outputPerMillion() == null) {
                throw InvalidRequestException.badRequest(at + ".price needs inputPerMillion and outputPerMillion",
                        at + ".price." + (p.inputPerMillion() == null ? "inputPerMillion" : "outputPerMillion"),
                        "missing_price");
            }
            String name = o.name() != null ? o.name() : o.model() != null ? o.model() : "api-" + index;
            try {
                return new Api(name, o.model(), new PriceEntry(name, null, p.inputPerMillion() / 1e6,
                        p.outputPerMillion() / 1e6,
                        p.cachedInputPerMillion() == null ? null : p.cachedInputPerMillion() / 1e6, null,
                        p.source() == null ? "scenario (inline price)" : p.source(), p.asOf()));
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.badRequest(e.getMessage().replace("_cost_per_token", " price")
                        .replace("price entry", at + ".price"), at + ".price", "invalid_price");
            }
        }
        if (o.model() == null) {
            throw InvalidRequestException.badRequest(at + " (api) needs a model from the price book or an inline price",
                    at + ".model", "missing_field");
        }
        PriceEntry entry = book.require(o.model(), at + ".model", false);
        return new Api(o.name() != null ? o.name() : o.model(), o.model(), entry);
    }

    private OnPrem resolveOnPrem(ScenarioOption o, String at) {
        HardwareProfile profile = HardwareCatalog.override(catalog.requireProfile(o.hardware(), at + ".hardware"),
                o.overrides(), at + ".overrides");
        int replicas = o.replicas() == null ? 1 : o.replicas();
        if (replicas < 1) {
            throw InvalidRequestException.badRequest(at + ".replicas must be >= 1, got " + replicas, at + ".replicas",
                    "invalid_value");
        }
        Double tps = o.throughputTokensPerSecond();
        if (tps == null || !(tps > 0) || tps.isInfinite()) {
            throw InvalidRequestException.badRequest(at + ".throughputTokensPerSecond must be > 0 (got " + tps + "): the "
                    + "measured input+output tokens/s of one replica at your latency SLO; it is never assumed",
                    at + ".throughputTokensPerSecond", tps == null ? "missing_field" : "invalid_value");
        }
        ModelArchitecture model = null;
        MemoryFit fit = null;
        if (o.model() != null) {
            model = catalog.requireModel(o.model(), at + ".model");
            fit = MemoryFit.of(model, profile, o.contextTokens() == null ? 8192 : o.contextTokens(),
                    o.concurrentSequences() == null ? 1 : o.concurrentSequences()).require(model, profile, at);
        }
        String name = o.name() != null ? o.name()
                : profile.gpusPerReplica() + "x " + profile.id() + (model == null ? "" : " " + model.id());
        return new OnPrem(name, profile, model, replicas, tps, o.throughputSource(), fit);
    }

    // ---- one run ----------------------------------------------------------------------------------------------

    private Run run(Scenario s, Volume volume, List<Resolved> options, Mod mod) {
        int scan = Math.max(s.horizon(), BREAK_EVEN_SCAN_MONTHS);
        List<OptionResult> results = new ArrayList<>();
        Map<String, Series> series = new LinkedHashMap<>();
        for (Resolved r : options) {
            switch (r) {
                case Api a -> results.add(api(a, volume, s.horizon(), scan, mod, series));
                case OnPrem o -> results.add(onPrem(o, volume, s, scan, mod, series));
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Resolved r : options) {
            if (r instanceof OnPrem o) {
                for (Resolved other : options) {
                    if (other instanceof Api a) {
                        comparisons.add(compare(o, a, volume, s, mod, series));
                    }
                }
            }
        }
        return new Run(results, comparisons);
    }

    private OptionResult api(Api a, Volume v, int horizon, int scan, Mod mod, Map<String, Series> series) {
        PriceEntry p = scaled(a.price(), mod.apiPrice());
        double[] cum = new double[scan + 1];
        List<MonthPoint> points = new ArrayList<>();
        double firstYear = 0;
        for (int m = 1; m <= scan; m++) {
            double tokens = v.tokensInMonth(m);
            double cost = p.cost(tokens * v.inputShare(), tokens * v.inputShare() * v.cachedInputShare(),
                    tokens * (1 - v.inputShare()));
            cum[m] = cum[m - 1] + cost;
            if (m <= 12) {
                firstYear += cost;
            }
            if (m <= horizon) {
                points.add(new MonthPoint(m, tokens, 0, cost, cum[m], cum[m]));
            }
        }
        double month1 = cum[1];
        series.put(a.name(), new Series(cum, new double[scan + 1], month1, month1));
        CostLine line = new CostLine("api", month1, f(
                "(%.0f input − %.0f cached) × $%.4f/1M + %.0f cached × $%.4f/1M + %.0f output × $%.4f/1M",
                v.inputTokens(), v.cachedInputTokens(), p.inputPerMillion(), v.cachedInputTokens(),
                (p.cacheReadPerToken() == null ? p.inputPerToken() : p.cacheReadPerToken()) * 1e6,
                v.outputTokens(), p.outputPerMillion()));
        double tokens1 = v.tokensInMonth(1);
        UnitCost list = new UnitCost("list price", null, p.inputPerMillion(), p.outputPerMillion(),
                tokens1 == 0 ? 0 : month1 / tokens1 * 1e6, f("$%.2f / %.0f tokens × 1e6", month1, tokens1));
        return new OptionResult(a.name(), "api", p.model(), p, null, 0, new MonthlyCost(List.of(line), month1,
                month1), new FirstYear(firstYear, firstYear, "Σ months 1–12 of API cost",
                "same as cash: an API has no purchase"), List.of(list), null, null, points);
    }

    private OptionResult onPrem(OnPrem o, Volume v, Scenario s, int scan, Mod mod, Map<String, Series> series) {
        HardwareProfile p = modded(o.profile(), mod);
        double capMonth = o.tps() * TimeBase.SECONDS_PER_MONTH;
        double perReplica = p.capexPerReplica();
        double[] cum = new double[scan + 1];
        double[] purchases = new double[scan + 1];
        List<MonthPoint> points = new ArrayList<>();
        int replicas1 = Math.max(o.replicas(), needed(v.tokensInMonth(1), capMonth, s.target(), v.peakToAverage()));
        cum[0] = replicas1 * perReplica;
        int replicas = replicas1;
        double cumAmortised = 0;
        double firstYearCash = cum[0];
        double firstYearAmortised = 0;
        for (int m = 1; m <= scan; m++) {
            double tokens = v.tokensInMonth(m);
            int now = Math.max(replicas, needed(tokens, capMonth, s.target(), v.peakToAverage()));
            purchases[m] = m == 1 ? 0 : (now - replicas) * perReplica;
            replicas = now;
            double opex = OnPremCost.cashOpex(p, replicas);
            double amortised = opex + OnPremCost.amortisation(p, replicas);
            cum[m] = cum[m - 1] + purchases[m] + opex;
            cumAmortised += amortised;
            if (m <= 12) {
                firstYearCash += purchases[m] + opex;
                firstYearAmortised += amortised;
            }
            if (m <= s.horizon()) {
                points.add(new MonthPoint(m, tokens, replicas, amortised, cum[m], cumAmortised));
            }
        }
        MonthlyCost month1 = OnPremCost.monthly(p, replicas1);
        series.put(o.name(), new Series(cum, purchases, month1.cashOpex(), month1.amortised()));
        double tokens1 = v.tokensInMonth(1);
        double capacity1 = replicas1 * capMonth;
        double u = tokens1 / capacity1;
        Percent throughputBased = Percent.of(tokens1, capacity1, f(
                "%.0f tokens served / (%d replicas × %.1f tokens/s × %.0f s)", tokens1, replicas1, o.tps(),
                TimeBase.SECONDS_PER_MONTH));
        Percent timeBased = v.requestsPerMonth() == null || v.secondsPerRequest() == null ? null : Percent.of(
                v.requestsPerMonth() * v.secondsPerRequest(), replicas1 * TimeBase.SECONDS_PER_MONTH, f(
                        "%.0f requests × %.3f s / (%d replicas × %.0f s)", v.requestsPerMonth(),
                        v.secondsPerRequest(), replicas1, TimeBase.SECONDS_PER_MONTH));
        List<UnitCost> units = List.of(
                UnitCost.onPrem("measured utilisation", month1.amortised(), capacity1, u, v.inputShare(), s.weight()),
                UnitCost.onPrem("target utilisation", month1.amortised(), capacity1, s.target(), v.inputShare(),
                        s.weight()),
                UnitCost.onPrem("100% floor", month1.amortised(), capacity1, 1.0, v.inputShare(), s.weight()));
        Capacity capacity = new Capacity(o.tps(), o.tpsSource(), capMonth, o.replicas(),
                needed(tokens1, capMonth, s.target(), v.peakToAverage()), f(
                "ceil(%.0f tokens × peak %.2f / (%.0f tokens per replica-month × target %.2f))", tokens1,
                v.peakToAverage(), capMonth, s.target()), o.fit());
        return new OptionResult(o.name(), "onprem", o.model() == null ? null : o.model().id(), null, p,
                cum[0], month1, new FirstYear(firstYearCash, firstYearAmortised,
                f("purchase $%.2f + Σ months 1–12 of running cost and later purchases", cum[0]),
                "Σ months 1–12 of amortisation + running cost"), units,
                new Utilisation(throughputBased, timeBased, "throughput-based = served / capacity tokens (what the "
                        + "GPUs could do); time-based = busy seconds / seconds, valid for one request at a time and "
                        + "overstating the load under continuous batching"), capacity, points);
    }

    static int needed(double tokens, double capacityPerReplica, double target, double peak) {
        return Math.max(1, (int) Math.ceil(tokens * peak / (capacityPerReplica * target) - 1e-9));
    }

    // ---- comparisons ------------------------------------------------------------------------------------------

    private Comparison compare(OnPrem o, Api a, Volume v, Scenario s, Mod mod, Map<String, Series> series) {
        Series on = series.get(o.name());
        Series api = series.get(a.name());
        ScenarioResult.BreakEvenTime time = breakEvenTime(on, api, v.monthlyGrowth());
        HardwareProfile p = modded(o.profile(), mod);
        PriceEntry price = scaled(a.price(), mod.apiPrice());
        double perToken = price.cost(v.inputShare(), v.inputShare() * v.cachedInputShare(), 1 - v.inputShare());
        double perReplicaMonth = OnPremCost.monthly(p, 1).amortised();
        double capTarget = o.replicas() * o.tps() * TimeBase.SECONDS_PER_MONTH * s.target() / v.peakToAverage();
        double breakEvenTokens = perToken <= 0 ? Double.POSITIVE_INFINITY : o.replicas() * perReplicaMonth / perToken;
        String volumeFormula = f("%d replicas × $%.2f per replica-month / $%.4f per 1M blended API price × 1e6",
                o.replicas(), perReplicaMonth, perToken * 1e6);
        ScenarioResult.BreakEvenVolume volume = breakEvenTokens <= capTarget
                ? new ScenarioResult.BreakEvenVolume(breakEvenTokens, o.replicas(), false, volumeFormula)
                : new ScenarioResult.BreakEvenVolume(null, null, true, volumeFormula + f(
                " = %.0f tokens/month, above the %.0f tokens/month %d replicas serve at target utilisation %.2f: "
                        + "every replica costs more than the API charges for what it can serve", breakEvenTokens,
                capTarget, o.replicas(), s.target()));
        double onMonthly = on.costMonth1();
        double apiMonthly = api.costMonth1();
        Percent saving = Percent.of(apiMonthly - onMonthly, apiMonthly,
                f("($%.2f API − $%.2f self-hosted amortised) / $%.2f API, month 1", apiMonthly, onMonthly, apiMonthly));
        return new Comparison(o.name(), a.name(), time, volume, saving);
    }

    static ScenarioResult.BreakEvenTime breakEvenTime(Series on, Series api, double growth) {
        double[] onCash = on.cumulativeCash();
        double[] apiCash = api.cumulativeCash();
        double capex = onCash[0];
        double monthlySaving = api.opexMonth1() - on.opexMonth1();
        if (capex <= 0) {
            return new ScenarioResult.BreakEvenTime(0.0, 0, false, "no purchase to pay back");
        }
        double previous = capex;
        for (int m = 1; m < onCash.length; m++) {
            double before = previous + on.purchases()[m];
            double after = onCash[m] - apiCash[m];
            if (after <= 0) {
                double months = m - 1 + (before <= 0 ? 0 : before / (before - after));
                String formula = growth == 0 && noLaterPurchases(on)
                        ? f("purchase $%.2f / (API $%.2f − self-hosted running $%.2f per month) = %.2f months", capex,
                        api.opexMonth1(), on.opexMonth1(), months)
                        : f("first month where cumulative self-hosted cash (purchase $%.2f + running cost + later "
                        + "purchases) ≤ cumulative API cost, interpolated within the month", capex);
                return new ScenarioResult.BreakEvenTime(months, (int) Math.ceil(months - 1e-9), false, formula);
            }
            previous = after;
        }
        String why = growth <= 0 && monthlySaving <= 0
                ? f("never: API $%.2f − self-hosted running $%.2f = $%.2f per month ≤ 0, so the $%.2f purchase is never "
                + "paid back", api.opexMonth1(), on.opexMonth1(), monthlySaving, capex)
                : f("never within %d months: cumulative self-hosted cash stays above cumulative API cost",
                onCash.length - 1);
        return new ScenarioResult.BreakEvenTime(null, null, true, why);
    }

    private static boolean noLaterPurchases(Series on) {
        for (double p : on.purchases()) {
            if (p > 0) {
                return false;
            }
        }
        return true;
    }

    // ---- sensitivity ------------------------------------------------------------------------------------------

    private List<SensitivityRow> sensitivity(Scenario s, Volume volume, List<Resolved> options) {
        List<SensitivityRow> rows = new ArrayList<>();
        for (String factor : List.of("utilisation (via volume)", "electricity price", "GPU price", "API price")) {
            for (double m : MULTIPLIERS) {
                Mod mod = switch (factor) {
                    case "utilisation (via volume)" -> new Mod(m, 1, 1, 1);
                    case "electricity price" -> new Mod(1, m, 1, 1);
                    case "GPU price" -> new Mod(1, 1, m, 1);
                    default -> new Mod(1, 1, 1, m);
                };
                Run run = run(s, volume.scaled(mod.volume()), options, mod);
                Map<String, Double> onMonthly = new LinkedHashMap<>();
                Map<String, Double> onPerMillion = new LinkedHashMap<>();
                Map<String, Double> apiMonthly = new LinkedHashMap<>();
                for (OptionResult r : run.options()) {
                    if (r.type().equals("onprem")) {
                        onMonthly.put(r.name(), r.month1().amortised());
                        onPerMillion.put(r.name(), r.perMillion().get(0).blended());
                    } else {
                        apiMonthly.put(r.name(), r.month1().amortised());
                    }
                }
                Map<String, Double> breakEven = new LinkedHashMap<>();
                run.comparisons().forEach(c -> breakEven.put(c.onPrem() + " vs " + c.api(), c.breakEven().months()));
                rows.add(new SensitivityRow(factor, m, onMonthly, onPerMillion, apiMonthly, breakEven));
            }
        }
        return rows;
    }

    private static HardwareProfile modded(HardwareProfile p, Mod mod) {
        if (mod.electricity() == 1 && mod.gpuPrice() == 1) {
            return p;
        }
        return HardwareCatalog.override(p, Map.of("electricityPerKwh", p.electricityPerKwh() * mod.electricity(),
                "gpuPrice", p.gpuPrice() * mod.gpuPrice()), "sensitivity");
    }

    private static PriceEntry scaled(PriceEntry p, double factor) {
        if (factor == 1) {
            return p;
        }
        return new PriceEntry(p.model(), p.provider(), p.inputPerToken() * factor, p.outputPerToken() * factor,
                p.cacheReadPerToken() == null ? null : p.cacheReadPerToken() * factor, p.maxInputTokens(),
                p.source(), p.asOf());
    }

    // ---- warnings ---------------------------------------------------------------------------------------------

    private List<String> warnings(Scenario s, List<Resolved> options, Run base) {
        List<String> warnings = new ArrayList<>();
        for (OptionResult r : base.options()) {
            if (r.utilisation() != null && r.utilisation().throughputBased().percent() < LOW_UTILISATION * 100) {
                Percent u = r.utilisation().throughputBased();
                warnings.add(f("'%s' is %.1f%% utilised (%.0f tokens served / %.0f tokens of capacity a month): "
                        + "under 10%%, most of what it costs pays for idle GPUs", r.name(), u.percent(),
                        u.numerator(), u.denominator()));
            }
            if (r.capacity() != null && r.capacity().replicasNeeded() > r.capacity().replicasConfigured()) {
                warnings.add(f("'%s': month 1 needs %d replicas at target utilisation %.2f, %d configured; "
                                + "%d are priced", r.name(), r.capacity().replicasNeeded(), s.target(),
                        r.capacity().replicasConfigured(), r.capacity().replicasNeeded()));
            }
        }
        for (Resolved r : options) {
            switch (r) {
                case Api a -> {
                    stale(warnings, a.name(), "prices", a.price().asOf());
                    for (Resolved other : options) {
                        if (other instanceof OnPrem o && o.model() != null && !sameModel(o.model(), a)) {
                            warnings.add(f("'%s' (%s) is compared with '%s' (%s): different models, so quality "
                                            + "differs; choosing between them is a product decision, not a cost identity",
                                    o.name(), o.model().id(), a.name(), a.price().model()));
                        }
                    }
                }
                case OnPrem o -> {
                    HardwareProfile p = o.profile();
                    stale(warnings, o.name(), "hardware figures", p.asOf());
                    if (o.model() == null) {
                        warnings.add(f("'%s': no model given, so the memory fit was not checked", o.name()));
                    }
                    if (p.hostPrice() == 0) {
                        warnings.add(f("'%s': the host server is not priced (hostPrice 0)", o.name()));
                    }
                    if (p.otherOpexPerReplicaMonth() > 0) {
                        warnings.add(f("'%s': $%.2f per replica-month of running cost is not itemised; split it into "
                                + "energy, facility, maintenance and staff", o.name(), p.otherOpexPerReplicaMonth()));
                    }
                    if (o.tpsSource() == null || o.tpsSource().isBlank()) {
                        warnings.add(f("'%s': throughput %.1f tokens/s per replica has no source; measure it",
                                o.name(), o.tps()));
                    }
                    if (s.horizon() > p.lifeMonths()) {
                        warnings.add(f("'%s': the %d-month horizon exceeds the %d-month life; replacement "
                                + "purchases are not in the cash view", o.name(), s.horizon(), p.lifeMonths()));
                    }
                }
            }
        }
        return warnings;
    }

    /**
     * Whether an API option serves the self-hosted model: by catalogue name or alias, by a price book alias, or by
     * the price book key spelling the model id (e.g. {@code bedrock/meta.llama3-70b-instruct-v1:0} for
     * {@code llama-3-70b}; {@code ...Llama-3.1-70B...} is another model). An inline price names no model: not judged.
     */
    private boolean sameModel(ModelArchitecture model, Api a) {
        if (a.requested() == null) {
            return true;
        }
        if (catalog.findModel(a.requested()).filter(m -> m.id().equals(model.id())).isPresent()) {
            return true;
        }
        if (squeeze(a.price().model()).contains(squeeze(model.id()))) {
            return true;
        }
        return book.aliases().entrySet().stream()
                .filter(e -> Objects.equals(e.getValue(), a.price().model()))
                .anyMatch(e -> e.getKey().equals(model.id()) || model.aliases().contains(e.getKey()));
    }

    private static String squeeze(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private void stale(List<String> warnings, String name, String what, LocalDate asOf) {
        if (asOf == null) {
            warnings.add(f("'%s': the %s carry no date", name, what));
        } else if (ChronoUnit.DAYS.between(asOf, today) > STALE_DAYS) {
            warnings.add(f("'%s': the %s are dated %s, %d days ago (older than %d days): refresh them", name, what,
                    asOf, ChronoUnit.DAYS.between(asOf, today), STALE_DAYS));
        }
    }
}
