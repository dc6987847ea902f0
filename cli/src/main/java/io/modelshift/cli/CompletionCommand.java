package io.modelshift.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script for modelshift.",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(modelshift completion)                       # this shell",
                "  modelshift completion > /etc/bash_completion.d/modelshift",
                "  # zsh: autoload -U +X bashcompinit && bashcompinit && source <(modelshift completion)"})
public class CompletionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(AutoComplete.bash("modelshift", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
