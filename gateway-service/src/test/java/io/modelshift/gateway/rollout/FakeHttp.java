package io.modelshift.gateway.rollout;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A tiny HTTP server on 127.0.0.1 answering JSON per path, recording the decoded request URIs. */
class FakeHttp implements AutoCloseable {

    record Answer(int status, String body) {
    }

    final HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, Function<String, Answer>> handlers = new ConcurrentHashMap<>();

    FakeHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            String uri = URLDecoder.decode(ex.getRequestURI().toString(), StandardCharsets.UTF_8);
            requests.add(uri);
            Function<String, Answer> h = handlers.get(ex.getRequestURI().getPath());
            Answer a = h == null ? new Answer(404, "{\"error\":\"no such path\"}") : h.apply(uri);
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(a.status(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    FakeHttp on(String path, Function<String, Answer> handler) {
        handlers.put(path, handler);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
