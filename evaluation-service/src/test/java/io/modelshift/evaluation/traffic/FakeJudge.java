package io.modelshift.evaluation.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge model on 127.0.0.1: prefers the answer containing "GOOD"; when the question contains "BIASED" it always
 * says [[A]] (a position-biased judge, which judging both orders turns into a tie). Its explanation quotes the
 * verdict format first, so a parser that took the first token would always read "A".
 */
public class FakeJudge implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger CALLS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSWER = Pattern.compile(
            "\\[The Start of Assistant A's Answer]\\n(.*)\\n\\[The End of Assistant A's Answer].*"
                    + "\\[The Start of Assistant B's Answer]\\n(.*)\\n\\[The End of Assistant B's Answer]", Pattern.DOTALL);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", exchange -> {
            CALLS.incrementAndGet();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String user = body.path("messages").path(1).path("content").asText();
            Matcher m = ANSWER.matcher(user);
            String verdict = "[[C]]";
            if (user.contains("BIASED")) {
                verdict = "[[A]]";
            } else if (m.find()) {
                boolean a = m.group(1).contains("GOOD");
                boolean b = m.group(2).contains("GOOD");
                verdict = a == b ? "[[C]]" : a ? "[[A]]" : "[[B]]";
            }
            String content = "I must answer with [[A]], [[B]] or [[C]]. Having compared both: " + verdict;
            byte[] out = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                    .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return Map.of("modelshift.eval.judge.base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "modelshift.eval.judge.model", "fake-judge");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
