package io.modelshift.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the Debian package's binary) scraping one target every second, queried through its HTTP
 * API as the rollout controller queries it. Closing it stops the process.
 */
final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final String base;

    private PrometheusServer(ChildProcess process, String base) {
        this.process = process;
        this.base = base;
    }

    /** The prometheus binary on the PATH, if installed (.ci/run installs the Debian package). */
    static Optional<Path> binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    /** Starts Prometheus scraping {@code target} (host:port) at {@code metricsPath}, and waits until it is ready. */
    static PrometheusServer scraping(String target, String metricsPath, Path work) throws Exception {
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "scrape_configs:",
                "  - job_name: target",
                "    metrics_path: " + metricsPath,
                "    static_configs: [{targets: ['" + target + "']}]", ""));
        int port = ChildProcess.freePort();
        ChildProcess process = ChildProcess.start("prometheus", List.of(binary().orElseThrow().toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port), work.resolve("prometheus.log"));
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
        process.awaitOk(server.base + "/-/ready", Duration.ofSeconds(60));
        return server;
    }

    /** An instant query's single value; empty for an empty vector (what a gate calls "no data"). */
    Optional<Double> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("prometheus refused " + promql + ": " + r.body());
        }
        JsonNode result = body.path("data").path("result");
        if (result.isEmpty()) {
            return Optional.empty();
        }
        if (result.size() > 1) {
            throw new IllegalStateException(promql + " gave " + result.size() + " series: " + result);
        }
        return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
    }

    String tail() {
        return process.tail();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
