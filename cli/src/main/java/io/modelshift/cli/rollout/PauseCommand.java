package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.RolloutAction;
import picocli.CommandLine.Command;

@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Hold at the current weight: no step advances, no gate decides, until resume.",
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift pause llama-70b",
                "  kubectl modelshift pause llama-70b -n modelshift",
                "  modelshift pause llama-70b --gateway-url http://localhost:8080 --admin-key $ADMIN"})
public class PauseCommand extends ActionCommand {

    @Override
    RolloutAction action() {
        return RolloutAction.PAUSE;
    }
}
