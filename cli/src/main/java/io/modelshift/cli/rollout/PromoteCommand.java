package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.RolloutAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Go to the next step now (ends a pause, a mirror, an inconclusive analysis, or the wait for"
                + " traffic). With --full: skip every remaining step, canary 100%%, phase Promoted."},
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift promote llama-70b",
                "  modelshift promote llama-70b --full",
                "  kubectl modelshift promote llama-70b -n modelshift"})
public class PromoteCommand extends ActionCommand {

    @Option(names = "--full", description = "Skip all remaining steps and gates: the new model serves 100%% now.")
    boolean full;

    @Override
    RolloutAction action() {
        return full ? RolloutAction.PROMOTE_FULL : RolloutAction.PROMOTE;
    }
}
