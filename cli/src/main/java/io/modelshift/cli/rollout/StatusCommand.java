package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.cli.output.Palette;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a rollout: phase, step k/N, desired and observed weights, each gate's latest evidence"
                + " and verdict. Without a route: one line per rollout.",
                "With --watch or --timeout it waits until the rollout ends and exits 0 when promoted, 1 when aborted"
                        + " or degraded, 2 when the timeout passed first, so pipelines can wait on it."},
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift status                              # every rollout",
                "  modelshift status llama-70b --watch             # print each change until it ends",
                "  modelshift status llama-70b --timeout 4h && helm upgrade ...",
                "  modelshift status llama-70b --gateway-url http://localhost:8080 --admin-key $ADMIN"})
public class StatusCommand extends RolloutCommand implements Callable<Integer> {

    static final int TIMEOUT = 2;


    @Parameters(index = "0", arity = "0..1", description = "The route (or rollout name); all rollouts when omitted.")
    String route;

    @Option(names = {"-w", "--watch"}, description = "Keep printing changes until the rollout is promoted, aborted or degraded.")
    boolean watch;

    @Option(names = "--timeout", converter = MigrationDuration.class,
            description = "Wait at most this long for the rollout to end (e.g. 2h); exit 2 if it has not.")
    Duration timeout;

    @Option(names = "--interval", defaultValue = "5s", converter = MigrationDuration.class,
            description = "How often to ask while waiting (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = out();
        Palette palette = Palette.detect();
        Rollouts rollouts = rollouts();
        boolean waiting = watch || timeout != null;
        if (route == null) {
            if (waiting) {
                throw new ParameterException(spec.commandLine(), "--watch and --timeout wait on one rollout: give its route");
            }
            out.print(RolloutReport.table(rollouts.list(), palette));
            out.flush();
            return 0;
        }
        Instant deadline = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        String shown = null;
        while (true) {
            ModelRollout r = rollouts.ofRoute(route);
            String report = RolloutReport.of(r, palette);
            if (!report.equals(shown)) {
                if (shown != null) {
                    out.println("--- " + Instant.now());
                }
                out.print(report);
                out.flush();
                shown = report;
            }
            RolloutOutcome outcome = RolloutOutcome.of(r);
            if (!waiting) {
                return 0;
            }
            if (outcome != RolloutOutcome.RUNNING) {
                return outcome.exitCode;
            }
            if (!Instant.now().plus(interval).isBefore(deadline)) {
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
                outcome = RolloutOutcome.of(rollouts.ofRoute(route));
                if (outcome != RolloutOutcome.RUNNING) {
                    return outcome.exitCode;
                }
                spec.commandLine().getErr().println("timed out after " + MigrationDuration.format(timeout)
                        + " waiting for route " + route + " to be promoted");
                spec.commandLine().getErr().flush();
                return TIMEOUT;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
