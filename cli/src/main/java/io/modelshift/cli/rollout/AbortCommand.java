package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.RolloutAction;
import picocli.CommandLine.Command;

@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Canary weight to 0 now; the stable serves everything (works in any phase, also after Promoted).",
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift abort llama-70b",
                "  kubectl modelshift abort llama-70b -n modelshift",
                "  modelshift abort llama-70b --gateway-url http://localhost:8080 --admin-key $ADMIN"})
public class AbortCommand extends ActionCommand {

    @Override
    RolloutAction action() {
        return RolloutAction.ABORT;
    }
}
