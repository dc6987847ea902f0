package io.modelshift.localstack;

import io.modelshift.localstack.launcher.PartFailedException;
import io.modelshift.localstack.scenario.MigrationScenario;
import io.modelshift.localstack.scenario.Options;

/**
 * {@code ./run.sh}: the whole Llama 2 -> Llama 3 migration on this machine, ending with the migration report.
 * Exit codes: 0 report written, 1 the run failed (the stack is stopped either way), 2 bad options, 3 report
 * written but the rollout could not run (no rollout controller to talk to).
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(Options.USAGE);
                return;
            }
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            MigrationScenario.Outcome outcome = new MigrationScenario(options, System.out).run();
            if (outcome.rolloutError() != null) {
                System.err.println("\nIncomplete: " + outcome.rolloutError() + ". Report (without the rollout): "
                        + outcome.files().html());
                code = 3;
            } else {
                System.out.println("Done. Report: " + outcome.files().html());
                code = 0;
            }
        } catch (PartFailedException | IllegalStateException | IllegalArgumentException e) {
            System.err.println("\nThe run failed: " + e.getMessage());
            System.err.println("Logs: " + options.runDir().resolve("logs"));
            code = 1;
        } catch (RuntimeException e) {
            System.err.println("\nThe run failed:");
            e.printStackTrace();
            System.err.println("Logs: " + options.runDir().resolve("logs"));
            code = 1;
        }
        System.exit(code);
    }
}
