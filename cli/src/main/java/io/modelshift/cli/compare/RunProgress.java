package io.modelshift.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.cli.ServiceClient;
import io.modelshift.cli.output.Palette;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Polls the evaluation runs until every one has finished, printing progress on stderr: one line rewritten in place
 * on a terminal, one line per change elsewhere (CI logs).
 */
final class RunProgress {

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");

    private final PrintWriter err;
    private final Palette palette;

    RunProgress(PrintWriter err, Palette palette) {
        this.err = err;
        this.palette = palette;
    }

    /** @return each run's last view by id */
    Map<String, JsonNode> await(ServiceClient eval, Map<String, String[]> runs, Duration poll) throws InterruptedException {
        List<String> ids = CompareCommand.ids(runs);
        Map<String, JsonNode> views = new LinkedHashMap<>();
        String last = "";
        while (true) {
            int done = 0;
            int total = 0;
            for (String id : ids) {
                JsonNode view = views.containsKey(id) && FINISHED.contains(views.get(id).path("status").asText())
                        ? views.get(id) : eval.get("/v1/evaluations/" + id);
                views.put(id, view);
                done += view.path("progress").path("done").asInt() + view.path("progress").path("errors").asInt();
                total += view.path("progress").path("total").asInt();
            }
            long finished = views.values().stream().filter(v -> FINISHED.contains(v.path("status").asText())).count();
            String line = String.format(Locale.ROOT, "%d/%d runs finished, %d/%d items (%.0f%%)%s", finished, ids.size(),
                    done, total, total == 0 ? 0.0 : 100.0 * done / total, eta(views));
            if (!line.equals(last)) {
                if (palette.enabled()) {
                    err.print("\r\u001b[2K" + line);
                } else {
                    err.println(line);
                }
                err.flush();
                last = line;
            }
            if (finished == ids.size()) {
                if (palette.enabled()) {
                    err.println();
                }
                return views;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static String eta(Map<String, JsonNode> views) {
        double eta = views.values().stream().mapToDouble(v -> v.path("progress").path("eta_seconds").asDouble(0)).max().orElse(0);
        return eta <= 0 ? "" : String.format(Locale.ROOT, ", about %.0fs left", eta);
    }
}
