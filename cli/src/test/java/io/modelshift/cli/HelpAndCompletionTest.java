package io.modelshift.cli;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class HelpAndCompletionTest {

    static final List<String> COMMANDS = List.of("compare", "migrate", "status", "promote", "abort", "retry", "pause",
            "resume", "tco", "completion");

    @Inject
    CommandLine.IFactory factory;

    @Test
    void everyCommandHasHelpWithExamples() {
        Cli.Result top = Cli.run(factory, "--help");
        assertEquals(0, top.exitCode());
        for (String command : COMMANDS) {
            assertTrue(top.out().contains("  " + command + " "), command + " missing from\n" + top.out());
            Cli.Result help = Cli.run(factory, command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().contains("Examples:"), command + ":\n" + help.out());
            assertTrue(help.out().contains("modelshift " + command), command + ":\n" + help.out());
            // output to a pipe carries no colour codes
            assertFalse(help.out().contains("\u001b["), command);
        }
    }

    @Test
    void completionScriptCoversCommandsAndOptions() {
        Cli.Result r = Cli.run(factory, "completion");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("complete -F _complete_modelshift"), r.out().substring(0, 400));
        assertTrue(r.out().contains("migrate") && r.out().contains("--gateway-url") && r.out().contains("--dry-run"));
    }
}
