package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.RolloutAction;
import picocli.CommandLine.Command;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue after a pause (manual, inconclusive evidence or a frozen rollout) from where it stopped.",
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift resume llama-70b",
                "  kubectl modelshift resume llama-70b -n modelshift",
                "  modelshift resume llama-70b --gateway-url http://localhost:8080 --admin-key $ADMIN"})
public class ResumeCommand extends ActionCommand {

    @Override
    RolloutAction action() {
        return RolloutAction.RESUME;
    }
}
