package io.modelshift.cli.rollout;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.Patterns;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.api.rollout.Variant;
import io.modelshift.cli.output.Palette;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Start a staged migration of a route to a new model: creates the ModelRollout (in the cluster,"
                + " or through the gateway's admin API with --gateway-url) that spreads the stages over the duration"
                + " with the standard gates, then tells how to follow it.",
                "Each stage but the last is held for an equal share of --duration while every gate is analysed;"
                        + " with --shadow the canary first answers a copy of that share of requests (clients see the"
                        + " stable) until the quality verdict passes."},
        footerHeading = "%nExamples:%n",
        footer = {"  # show the rollout without creating it",
                "  modelshift migrate --route llama-70b --from llama-2-70b --to llama-3-70b --dry-run",
                "  # four stages over ten days, 10%% shadow traffic first, in namespace modelshift",
                "  modelshift migrate --route llama-70b --to llama-3-70b --stages 50,70,90,100 --duration 10d"
                        + " --shadow 10%% -n modelshift",
                "  # local stack",
                "  modelshift migrate --route llama-70b --from llama-2-70b --to llama-3-70b --duration 2h"
                        + " --gateway-url http://localhost:8080 --admin-key $ADMIN"})
public class MigrateCommand extends RolloutCommand implements Runnable {


    @Option(names = "--route", required = true, description = "The gateway route (the model name clients send).")
    String route;

    @Option(names = "--to", required = true, description = "The new model (canary).")
    String to;

    @Option(names = "--from", description = "The current model (stable); default: the model the route's ModelRollout serves now.")
    String from;

    @Option(names = "--to-upstream", description = "Where the new model is served: a URL or a named upstream of the gateway (default: the model's name).")
    String toUpstream;

    @Option(names = "--from-upstream", description = "Where the current model is served (default: as in the existing rollout, else the model's name).")
    String fromUpstream;

    @Option(names = "--stages", split = ",", defaultValue = "50,70,90,100",
            description = "Canary weights in percent, increasing, ending at 100 (default: ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = "--duration", defaultValue = "10d", converter = MigrationDuration.class,
            description = "Total time the stages are spread over: 10d, 36h, 90m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--shadow", defaultValue = "0",
            description = "Mirror this share of requests to the new model first, e.g. 10%% (default: none).")
    String shadow;

    @Option(names = "--gates", defaultValue = "default",
            description = "default, strict, or a YAML file of gates in the ModelRollout format (default: ${DEFAULT-VALUE}).")
    String gates;

    @Option(names = "--dry-run", description = "Print the ModelRollout as YAML and create nothing.")
    boolean dryRun;

    @Override
    public void run() {
        PrintWriter out = out();
        require(route.matches(Patterns.NAME), "--route '" + route + "' is not a route name (lower case letters,"
                + " digits, '.', '_', '-'; at most 63 characters)");
        requireModel("--to", to);
        List<Integer> weights = weights();
        int shadowPercent = shadowPercent();
        Optional<ModelRollout> existing = dryRun && from != null ? Optional.empty() : rollouts().find(route);
        Variant stable = stable(existing);
        require(!stable.model().equals(to), "--to " + to + " is already the model of route " + route);
        Variant canary = new Variant(to, toUpstream != null ? toUpstream : upstreamOf(existing, to));
        RolloutPlan plan = new RolloutPlan(route, stable, canary, weights, duration, shadowPercent,
                StandardGates.named(gates));
        require(plan.hold().compareTo(RolloutPlan.SHORTEST_HOLD) >= 0, "--duration " + MigrationDuration.format(duration)
                + " leaves " + MigrationDuration.format(plan.hold()) + " per stage; give at least "
                + MigrationDuration.format(RolloutPlan.SHORTEST_HOLD) + " per stage");
        ModelRollout rollout = plan.toRollout();
        if (dryRun) {
            out.print(Serialization.asYaml(rollout));
            out.flush();
            return;
        }
        Rollouts store = rollouts();
        store.apply(rollout);
        Palette palette = Palette.detect();
        out.printf("%s %s: route %s, %s -> %s, stages %s over %s (%s each)%s, in %s%n",
                existing.isPresent() ? "Updated ModelRollout" : "Created ModelRollout", palette.bold(route), route,
                stable.model(), to, weights, MigrationDuration.format(duration), MigrationDuration.format(plan.hold()),
                shadowPercent > 0 ? ", " + shadowPercent + "% shadow first" : "", store.where());
        out.printf("Follow it:   modelshift status %s --watch%n", route);
        out.printf("Wait in CI:  modelshift status %s --timeout %s   (exit 0 promoted, 1 aborted, 2 timeout)%n", route,
                MigrationDuration.format(duration.plus(Duration.ofHours(1))));
        out.printf("Act on it:   modelshift promote|abort|pause|resume %s%n", route);
        out.flush();
    }

    private Variant stable(Optional<ModelRollout> existing) {
        if (from != null) {
            requireModel("--from", from);
            return new Variant(from, fromUpstream != null ? fromUpstream : upstreamOf(existing, from));
        }
        ModelRollout current = existing.orElseThrow(() -> new ParameterException(spec.commandLine(),
                "route " + route + " has no ModelRollout yet, so its current model is unknown: give --from <model>"));
        // the model serving the route now: the canary once promoted, else the stable
        Variant serving = current.getStatus() != null && current.getStatus().getPhase() == RolloutPhase.Promoted
                && current.getStatus().getCanary() != null ? current.getStatus().getCanary() : current.getSpec().stable();
        return fromUpstream == null ? serving : new Variant(serving.model(), fromUpstream);
    }

    private static String upstreamOf(Optional<ModelRollout> existing, String model) {
        return existing.map(ModelRollout::getSpec)
                .flatMap(s -> java.util.stream.Stream.of(s.stable(), s.canary()).filter(v -> v.model().equals(model)).findFirst())
                .map(Variant::upstream).orElse(model);
    }

    private List<Integer> weights() {
        List<Integer> out = stages.stream().map(s -> {
            try {
                return Integer.parseInt(s.trim().replace("%", ""));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--stages: '" + s + "' is not a percentage");
            }
        }).toList();
        for (int i = 0; i < out.size(); i++) {
            require(out.get(i) >= 1 && out.get(i) <= 100, "--stages: " + out.get(i) + " is outside 1..100");
            require(i == 0 || out.get(i) > out.get(i - 1), "--stages must increase: " + out);
        }
        require(out.get(out.size() - 1) == 100, "--stages must end at 100 (the last stage promotes): " + out);
        return out;
    }

    private int shadowPercent() {
        try {
            int p = Integer.parseInt(shadow.trim().replace("%", ""));
            require(p >= 0 && p <= 100, "--shadow " + shadow + " is outside 0..100%");
            return p;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--shadow '" + shadow + "' is not a percentage such as 10%");
        }
    }

    private void requireModel(String option, String model) {
        require(model.matches(Patterns.MODEL), option + " '" + model + "' is not a model name (letters, digits,"
                + " '.', '_', ':', '/', '-')");
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
