package io.modelshift.proxy;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.proxy.admission.Admission;
import io.modelshift.proxy.forwarding.Forwarder;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The OpenAI-compatible surface, registered straight on the Vert.x router so the hot path stays on event loops. */
@ApplicationScoped
public class ProxyRoutes {

    private final Admission admission;
    private final Forwarder forwarder;

    public ProxyRoutes(Admission admission, Forwarder forwarder) {
        this.admission = admission;
        this.forwarder = forwarder;
    }

    void init(@Observes Router router) {
        router.post("/v1/chat/completions").handler(ctx -> admission.admit(ctx, true));
        router.post("/v1/completions").handler(ctx -> admission.admit(ctx, true));
        router.post("/v1/embeddings").handler(ctx -> admission.admit(ctx, false));
        router.get("/v1/models").handler(ctx -> forwarder.forward(ctx, null, Forwarder.RelayedRequest.LISTING));
        router.route("/v1/*").handler(ctx -> Admission.reply(ctx, OpenAiError.notFound(
                "The proxy serves POST /v1/chat/completions, /v1/completions, /v1/embeddings and GET /v1/models; "
                        + "not " + ctx.request().method() + " " + ctx.request().path() + ".", null, "unknown_url")));
    }
}
