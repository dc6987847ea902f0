package io.modelshift.proxy.admission;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import io.modelshift.proxy.discovery.PodRounds;
import io.modelshift.proxy.picking.ControlClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learns each served model's context window from the pods' {@code GET /v1/models} ({@code max_model_len}, as vLLM
 * reports it), refreshed every {@code admission.models-refresh}, so the context guard works without configuration.
 * A window configured in {@code admission.max-model-len} still wins.
 */
@ApplicationScoped
public class ServedModels {

    private static final Logger LOG = Logger.getLogger(ServedModels.class);

    private final ControlClient control;
    private final PodRounds rounds;
    private final Map<String, Integer> windows = new ConcurrentHashMap<>();

    public ServedModels(Vertx vertx, ControlClient control, PodPool pool, ProxyConfig config) {
        this.control = control;
        this.rounds = new PodRounds(vertx, pool, config.admission().modelsRefresh(), this::fetch);
    }

    void onStart(@Observes StartupEvent event) {
        rounds.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        rounds.stop();
    }

    /** The learned context window of a served model name, or null when no pod reported one. */
    public Integer window(String model) {
        return model == null ? null : windows.get(model);
    }

    private void fetch(Pod pod, Runnable done) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(pod.host())
                .setPort(pod.port()).setURI("/v1/models").setIdleTimeout(5000);
        control.client().request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> resp.statusCode() == 200 ? body : null))
                .onComplete(ar -> {
                    done.run();
                    if (ar.succeeded() && ar.result() != null) {
                        learn(pod, ar.result().toString());
                    }
                });
    }

    void learn(Pod pod, String listing) {
        try {
            JsonArray data = new JsonObject(listing).getJsonArray("data", new JsonArray());
            for (int i = 0; i < data.size(); i++) {
                JsonObject card = data.getJsonObject(i);
                Object len = card.getValue("max_model_len");
                String id = card.getString("id");
                if (id != null && len instanceof Number n && n.intValue() > 0) {
                    Integer before = windows.put(id, n.intValue());
                    if (before == null || before != n.intValue()) {
                        LOG.infof("model %s: context window %d tokens (from %s)", id, n.intValue(), pod);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("unreadable /v1/models from %s: %s", pod, e.getMessage());
        }
    }
}
