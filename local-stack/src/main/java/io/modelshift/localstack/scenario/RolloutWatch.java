package io.modelshift.localstack.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows a rollout through the gateway's admin API until it ends (Promoted, Aborted, Frozen) or time runs out,
 * printing the step, the weights, the requests and errors per variant and the latest gate results, and keeping
 * every status it saw for the report's timeline.
 */
public final class RolloutWatch {

    /** A status as seen at a moment of the run. */
    public record Snapshot(long atMillis, JsonNode status) {
    }

    private final JsonHttp admin;
    private final String url;
    private final PrintStream console;
    private final List<Snapshot> snapshots = new ArrayList<>();

    public RolloutWatch(String gatewayUrl, String adminKey, String name, PrintStream console) {
        this.admin = new JsonHttp(adminKey);
        this.url = gatewayUrl + "/admin/rollouts/" + name;
        this.console = console;
    }

    public void submit(String yaml) {
        admin.put(url, "application/yaml", yaml);
    }

    /**
     * Polls once a second; returns the last rollout document (with its status). A rollout that stays Paused for
     * longer than {@code pauseLimit} is waiting for evidence that is not coming in this run: the watch stops there
     * and the report says so (hold), instead of waiting for the whole timeout.
     */
    public JsonNode follow(TrafficTally tally, Duration timeout, Duration pauseLimit, Runnable aliveCheck) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pausedSince = -1;
        String lastState = "";
        long lastPrint = 0;
        JsonNode doc = null;
        while (System.nanoTime() < deadline) {
            aliveCheck.run();
            doc = admin.get(url);
            JsonNode st = doc.path("status");
            snapshots.add(new Snapshot(System.currentTimeMillis(), st));
            String line = progressLine(st, tally.counts());
            String gates = gateLine(st.path("lastAnalysis"));
            // a line when the step, weights or gate results change, else every 5 s with fresh counts
            String state = st.path("phase").asText() + st.path("step").asText() + st.path("desiredWeight").asText()
                    + st.path("observedWeight").asText() + gates;
            if (!state.equals(lastState) || System.nanoTime() - lastPrint > 5_000_000_000L) {
                console.println(line + (gates.isEmpty() ? "" : "\n      gates: " + gates));
                lastState = state;
                lastPrint = System.nanoTime();
            }
            String phase = st.path("phase").asText("");
            if (phase.equals("Promoted") || phase.equals("Aborted") || phase.equals("Frozen")) {
                return doc;
            }
            if (!phase.equals("Paused")) {
                pausedSince = -1;
            } else if (pausedSince < 0) {
                pausedSince = System.nanoTime();
            } else if (System.nanoTime() - pausedSince > pauseLimit.toNanos()) {
                console.println("  the rollout stayed paused for " + pauseLimit.toSeconds() + " s ("
                        + st.path("message").asText("no message") + "); stopping the watch here");
                return doc;
            }
            sleep();
        }
        console.println("  the rollout did not finish within " + timeout.toSeconds() + " s");
        return doc;
    }

    public List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    static String progressLine(JsonNode st, Map<String, long[]> counts) {
        StringBuilder b = new StringBuilder(String.format("  [%-11s] step %-5s weight %3s%% (observed %s)",
                st.path("phase").asText("Pending"), st.path("step").asText("-"),
                st.path("desiredWeight").asText("0"),
                st.hasNonNull("observedWeight") ? String.format("%.0f%%", st.path("observedWeight").asDouble()) : "-"));
        if (st.path("mirrorPercent").asInt(0) > 0) {
            b.append(" mirror ").append(st.path("mirrorPercent").asInt()).append('%');
        }
        counts.forEach((variant, c) -> b.append(String.format(" | %s %d req %d err", variant, c[0], c[1])));
        return b.toString();
    }

    static String gateLine(JsonNode analysis) {
        if (analysis.isMissingNode() || analysis.isNull()) {
            return "";
        }
        StringBuilder b = new StringBuilder(analysis.path("verdict").asText("?"));
        for (JsonNode g : analysis.path("gates")) {
            b.append("; ").append(g.path("gate").asText()).append('=').append(g.path("verdict").asText());
            if (g.hasNonNull("message")) {
                b.append(" (").append(g.path("message").asText()).append(')');
            }
        }
        return b.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
