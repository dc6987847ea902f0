package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.RolloutAction;
import picocli.CommandLine.Command;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "After Aborted or Frozen: start again from step 1.",
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift retry llama-70b",
                "  kubectl modelshift retry llama-70b -n modelshift",
                "  modelshift retry llama-70b --gateway-url http://localhost:8080 --admin-key $ADMIN"})
public class RetryCommand extends ActionCommand {

    @Override
    RolloutAction action() {
        return RolloutAction.RETRY;
    }
}
