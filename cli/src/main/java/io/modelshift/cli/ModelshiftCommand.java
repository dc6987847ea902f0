package io.modelshift.cli;

import io.modelshift.cli.compare.CompareCommand;
import io.modelshift.cli.cost.TcoCommand;
import io.modelshift.cli.rollout.AbortCommand;
import io.modelshift.cli.rollout.MigrateCommand;
import io.modelshift.cli.rollout.PauseCommand;
import io.modelshift.cli.rollout.PromoteCommand;
import io.modelshift.cli.rollout.ResumeCommand;
import io.modelshift.cli.rollout.RetryCommand;
import io.modelshift.cli.rollout.StatusCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code modelshift} (or {@code kubectl modelshift}): the migration commands an SRE types. */
@TopCommand
@Command(name = "modelshift", mixinStandardHelpOptions = true, version = "modelshift 0.1.0",
        description = "Move LLM traffic from one model to another: compare, migrate, watch, promote or abort, price.",
        subcommands = {CompareCommand.class, MigrateCommand.class, StatusCommand.class, PromoteCommand.class,
                AbortCommand.class, RetryCommand.class, PauseCommand.class, ResumeCommand.class, TcoCommand.class,
                CompletionCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  modelshift compare --old llama-2-70b --new llama-3-70b --target http://gateway:8080",
                "  modelshift migrate --route llama-70b --from llama-2-70b --to llama-3-70b --duration 10d --dry-run",
                "  modelshift status llama-70b --watch --timeout 4h",
                "  kubectl modelshift promote llama-70b",
                "",
                "Exit codes: 0 ok (status: promoted), 1 aborted or degraded, 2 bad usage or status timeout,"
                        + " 3 a service or the cluster could not be asked."})
public class ModelshiftCommand {
}
