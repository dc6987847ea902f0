import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A near-zero-cost OpenAI-compatible target for measuring evaluation-service's own overhead: every chat or completion
 * request gets the same short GSM8K-style answer. Run: java ConstantTarget.java PORT (binds 127.0.0.1).
 */
public class ConstantTarget {
    public static void main(String[] args) throws Exception {
        byte[] answer = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"const\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"16 - 3 - 4 = 9; 9 * 2 = 18\\n#### 18\"},"
                + "\"text\":\"16 - 3 - 4 = 9; 9 * 2 = 18\\n#### 18\",\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":12,\"total_tokens\":72}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }
}
