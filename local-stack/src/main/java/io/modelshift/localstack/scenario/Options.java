package io.modelshift.localstack.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The launcher's command line ({@code ./run.sh --help}).
 *
 * @param scenario     good (the canary is better) or bad-canary (worse: the rollout must roll back on its own)
 * @param datasets     benchmark files folder (gsm8k/, mmlu/, humaneval/, jmmlu/); null = $MODELSHIFT_DATASETS, else
 *                     downloaded from their public sources on first use and cached
 * @param sampleSizes  benchmark -> items per model
 * @param stepDuration each rollout step's compressed duration
 * @param clients      synthetic clients sending traffic during the rollout
 * @param stableUrl    a real OpenAI-compatible server for the stable model instead of the simulators
 * @param canaryUrl    the same for the canary
 */
public record Options(String scenario, Path datasets, Map<String, Integer> sampleSizes, Duration stepDuration,
                      int clients, String stableUrl, String canaryUrl, String stableModel, String canaryModel,
                      Path repo, Path runDir, Duration timeout) {

    public static final String USAGE = """
            usage: ./run.sh [options]
              --scenario good|bad-canary   bad-canary: the canary is worse and the rollout must roll back (default good)
              --datasets DIR               benchmark files (gsm8k/test.jsonl, mmlu/test/*.csv, humaneval/HumanEval.jsonl,
                                           jmmlu/JMMLU/*.csv); default $MODELSHIFT_DATASETS, else downloaded
                                           from their public sources on first use into $MODELSHIFT_CACHE/datasets
                                           (default ~/.cache/modelshift/datasets) and read from there afterwards
              --gsm8k N --mmlu N --humaneval N --jmmlu N
                                           items per model and benchmark (defaults 60 60 20 60; 0 skips a benchmark)
              --step-seconds N             compressed duration of each rollout step (default 20)
              --clients N                  synthetic clients during the rollout (default 24: enough traffic for the
                                           verdict's minimum samples within a compressed step)
              --quick                      reduced sizes for CI: 12 items per benchmark, 8 s steps
              --stable-url URL --canary-url URL
                                           real OpenAI-compatible servers (e.g. vLLM) instead of the simulators
              --stable-model NAME --canary-model NAME
                                           model names on those servers (default: their first /v1/models entry)
              --run-dir DIR                where logs and the report go (default runs/<UTC timestamp>)
              --timeout-minutes N          give up after this long (default 30)
            """;

    public boolean badCanary() {
        return scenario.equals("bad-canary");
    }

    public boolean realServers() {
        return stableUrl != null;
    }

    public static Options parse(String[] args, Map<String, String> env) {
        String scenario = "good";
        Path datasets = env.containsKey("MODELSHIFT_DATASETS") && !env.get("MODELSHIFT_DATASETS").isBlank()
                ? Path.of(env.get("MODELSHIFT_DATASETS")) : null;
        Map<String, Integer> sizes = new LinkedHashMap<>(Map.of("gsm8k", 60, "mmlu", 60, "humaneval", 20,
                "jmmlu", 60));
        int stepSeconds = 20;
        int clients = 24;
        String stableUrl = null;
        String canaryUrl = null;
        String stableModel = null;
        String canaryModel = null;
        Path runDir = null;
        int timeoutMinutes = 30;
        Map<String, Integer> explicit = new LinkedHashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scenario" -> {
                    scenario = value(args, i++);
                    if (!scenario.equals("good") && !scenario.equals("bad-canary")) {
                        throw new IllegalArgumentException("--scenario must be good or bad-canary, got '"
                                + scenario + "'");
                    }
                }
                case "--datasets" -> datasets = Path.of(value(args, i++));
                case "--gsm8k", "--mmlu", "--humaneval", "--jmmlu" ->
                        explicit.put(a.substring(2), nonNegative(value(args, i++), a));
                case "--step-seconds" -> stepSeconds = positive(value(args, i++), a);
                case "--clients" -> clients = positive(value(args, i++), a);
                case "--quick" -> quick = true;
                case "--stable-url" -> stableUrl = value(args, i++);
                case "--canary-url" -> canaryUrl = value(args, i++);
                case "--stable-model" -> stableModel = value(args, i++);
                case "--canary-model" -> canaryModel = value(args, i++);
                case "--run-dir" -> runDir = Path.of(value(args, i++));
                case "--timeout-minutes" -> timeoutMinutes = positive(value(args, i++), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (quick) {
            sizes.replaceAll((k, v) -> 12);
            stepSeconds = Math.min(stepSeconds, 8);
        }
        sizes.putAll(explicit);
        if ((stableUrl == null) != (canaryUrl == null)) {
            throw new IllegalArgumentException("--stable-url and --canary-url go together");
        }
        if (stableUrl != null && scenario.equals("bad-canary")) {
            throw new IllegalArgumentException("--scenario bad-canary degrades the simulated canary pods; "
                    + "it cannot be combined with --stable-url/--canary-url");
        }
        Path repo = Path.of(env.getOrDefault("MODELSHIFT_REPO", ".")).toAbsolutePath().normalize();
        if (runDir == null) {
            runDir = repo.resolve("runs").resolve(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(ZoneOffset.UTC).format(Instant.now()) + (scenario.equals("good") ? "" : "-" + scenario));
        }
        return new Options(scenario, datasets, Map.copyOf(sizes), Duration.ofSeconds(stepSeconds), clients,
                stableUrl, canaryUrl, stableModel, canaryModel, repo, runDir.toAbsolutePath(),
                Duration.ofMinutes(timeoutMinutes));
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int nonNegative(String v, String flag) {
        int n = integer(v, flag);
        if (n < 0) {
            throw new IllegalArgumentException(flag + " must be 0 or more, got " + n);
        }
        return n;
    }

    private static int positive(String v, String flag) {
        int n = integer(v, flag);
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be at least 1, got " + n);
        }
        return n;
    }

    private static int integer(String v, String flag) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, got '" + v + "'");
        }
    }
}
