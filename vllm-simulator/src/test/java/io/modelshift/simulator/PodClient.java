package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for the tests: JSON requests, SSE read frame by frame. */
final class PodClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    PodClient(SimulatedVllm pod) {
        this.baseUrl = pod.baseUrl();
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        return HTTP.send(postRequest(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> postStream(String path, String body, String... headers)
            throws IOException, InterruptedException {
        return HTTP.send(postRequest(path, body, headers), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest postRequest(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** Reads an SSE body to its end: the payload of each {@code data:} frame, in order. */
    static List<String> frames(InputStream in) throws IOException {
        List<String> frames = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String frame;
            while ((frame = nextFrame(r)) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The next {@code data:} payload, or null at the end of the stream. */
    static String nextFrame(BufferedReader r) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("data: ")) {
                String payload = line.substring(6);
                r.readLine(); // the blank line ending the frame
                return payload;
            }
        }
        return null;
    }
}
