package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The blocking JSON GET the gate probes share. Gates run on the controller's own thread, never on the request path,
 * so a plain JDK client with a timeout is enough; every failure becomes a {@link MeasurementException}.
 */
public class HttpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public HttpJson(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public JsonNode get(String url) throws MeasurementException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new MeasurementException("GET " + url + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new MeasurementException("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("GET " + url + ": interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new MeasurementException("bad URL " + url + ": " + e.getMessage(), e);
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
