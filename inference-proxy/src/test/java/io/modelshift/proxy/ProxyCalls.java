package io.modelshift.proxy;

import io.restassured.response.Response;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client calls the proxy tests share. */
public final class ProxyCalls {

    private ProxyCalls() {
    }

    public static Response chat(String body) {
        return given().contentType("application/json").body(body).post("/v1/chat/completions");
    }

    /** Sends the request n times in a row; counts which pod ({@code x-inference-pod}) answered, all must be 200. */
    public static Map<String, Integer> spread(int requests, String body) {
        Map<String, Integer> byPod = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            Response r = chat(body);
            assertEquals(200, r.statusCode(), r.asString());
            byPod.merge(r.header("x-inference-pod"), 1, Integer::sum);
        }
        return byPod;
    }

    /** A task run once while the load is on (kill a pod, ...). */
    public interface Disruption {
        void run() throws Exception;
    }

    /**
     * Sends {@code requests} chat requests from {@code threads} concurrent clients, runs the disruption after the
     * {@code disruptAt}-th has been submitted, and asserts that every client got a 200.
     */
    public static void allOkUnderLoad(String body, int requests, int threads, int disruptAt, Disruption disruption)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> {
                    Response r = chat(body);
                    return r.statusCode() == 200 ? "ok" : r.statusCode() + " " + r.asString();
                }));
                if (i == disruptAt) {
                    disruption.run();
                }
            }
            for (Future<String> a : answers) {
                assertEquals("ok", a.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Starts a streaming request on a raw socket, waits for the response head and until {@code started} holds,
     * then hangs up without reading the rest.
     */
    public static void streamThenHangUp(URL base, String body, BooleanSupplier started) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            byte[] head = new byte[4096];
            int n = socket.getInputStream().read(head);
            assertTrue(n > 0 && new String(head, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            await().atMost(Duration.ofSeconds(5)).until(started::getAsBoolean);
        }
    }
}
