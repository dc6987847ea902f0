package io.modelshift.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-process HTTP service on 127.0.0.1 answering "METHOD /path?query" with canned JSON, recording requests. */
public final class FakeService implements AutoCloseable {

    public record Answer(int status, String body) {
    }

    public record Call(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Call, Answer>> routes = new ConcurrentHashMap<>();
    public final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Call call = new Call(exchange.getRequestMethod(), target, exchange.getRequestHeaders().getFirst("authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            calls.add(call);
            Function<Call, Answer> route = routes.get(call.method() + " " + target);
            Answer answer = route == null ? new Answer(404, "{\"error\":{\"message\":\"no route " + target
                    + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"not_found\"}}") : route.apply(call);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public FakeService on(String methodAndPath, Function<Call, Answer> answer) {
        routes.put(methodAndPath, answer);
        return this;
    }

    public FakeService on(String methodAndPath, int status, String body) {
        return on(methodAndPath, call -> new Answer(status, body));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
