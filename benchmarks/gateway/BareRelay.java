import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The floor of the throughput comparison: the cheapest relay Vert.x (the gateway's HTTP stack) can be, doing nginx's
 * 70/30 split over keep-alive upstreams and nothing else - no auth, limits, JSON, routing table, metrics or records.
 * What the gateway costs above this is its own work; what this costs above nginx is the JVM and Vert.x/Netty.
 * Run as a single-file program: {@code java -cp <vertx classpath> BareRelay.java PORT EVENT_LOOPS}.
 */
public class BareRelay extends AbstractVerticle {

    public static void main(String[] args) {
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        // one instance per event loop, each with its own client: a relayed request never changes thread
        vertx.deployVerticle(() -> new BareRelay(Integer.parseInt(args[0])), new DeploymentOptions().setInstances(loops));
    }

    private final int port;
    private HttpClient client;

    BareRelay(int port) {
        this.port = port;
    }

    @Override
    public void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(256));
        vertx.createHttpServer().requestHandler(this::relay).listen(port, "127.0.0.1");
    }

    private void relay(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            int backend = ThreadLocalRandom.current().nextInt(100) < 70 ? 18001 : 18002;
            client.request(HttpMethod.POST, backend, "127.0.0.1", req.uri())
                    .compose(up -> up.putHeader("content-type", "application/json").send(body))
                    .compose(resp -> resp.body().map(b -> req.response().setStatusCode(resp.statusCode())
                            .putHeader("content-type", resp.getHeader("content-type")).end(b)))
                    .onFailure(e -> req.response().setStatusCode(502).end());
        });
    }
}
