package io.modelshift.helm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert rules pass `promtool check rules`, and `promtool test rules` proves each alert fires on its bad case and
 * stays quiet on a healthy one (src/test/promtool). Skipped, saying so, only when promtool is not installed.
 */
class AlertRulesTest {

    static final Path RULES = ChartUnderTest.CHART.resolve("rules/modelshift.rules.yaml");
    static final Path RULE_TESTS = ChartUnderTest.MODULE.resolve("src/test/promtool/modelshift.rules.test.yaml");

    /** The alerts the issue asks for, by name. */
    static final Set<String> ALERTS = Set.of("ModelshiftCanaryErrorRateAboveStable", "ModelshiftCanaryLatencyRegression",
            "ModelshiftRolloutStuck", "ModelshiftRolloutAborted", "ModelshiftRolloutFrozen", "ModelshiftCanaryNoTraffic",
            "ModelshiftKvCacheSaturated", "ModelshiftRecordsDropped");

    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-?\\s*alert:\\s*(\\S+)");
    private static final Pattern TESTED = Pattern.compile("(?m)^\\s*alertname:\\s*(\\S+)");

    @BeforeAll
    static void needsPromtool() {
        Assumptions.assumeTrue(promtool() != null, "promtool is not installed (Debian package `prometheus`; "
                + ".ci/run installs it): the alert rules are not checked");
    }

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        Result check = run(promtool(), "check", "rules", RULES.toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("SUCCESS"), check.output());
    }

    @Test
    void everyAlertFiresOnItsCaseAndStaysQuietOtherwise() throws Exception {
        Result test = run(promtool(), "test", "rules", RULE_TESTS.toString());
        assertEquals(0, test.exit(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    @Test
    void theRulesHoldExactlyTheIssuesAlertsAndEachIsUnitTested() throws IOException {
        assertEquals(new TreeSet<>(ALERTS), names(ALERT, Files.readString(RULES)));
        assertEquals(new TreeSet<>(ALERTS), names(TESTED, Files.readString(RULE_TESTS)));
    }

    @Test
    void aBrokenRuleFailsTheUnitTests(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        // proves the unit tests bite: raise the KV-cache threshold above 1 and its firing case must fail
        Path rules = work.resolve("modelshift/rules/modelshift.rules.yaml");
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, Files.readString(RULES).replace("(vllm:kv_cache_usage_perc) > 0.95",
                "(vllm:kv_cache_usage_perc) > 1.5"));
        Path tests = work.resolve("src/test/promtool/modelshift.rules.test.yaml");
        Files.createDirectories(tests.getParent());
        Files.copy(RULE_TESTS, tests);
        Result test = run(promtool(), "test", "rules", tests.toString());
        assertTrue(test.exit() != 0 && test.output().contains("ModelshiftKvCacheSaturated"), test.output());
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    record Result(int exit, String output) {
    }

    /** Starts, retrying a few times: a shared build machine can briefly refuse new processes (EAGAIN). */
    private static Process start(ProcessBuilder builder) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p = start(new ProcessBuilder(List.of(command)).redirectErrorStream(true));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool did not finish in 60 s: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), output);
    }
}
