package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.Patterns;
import io.modelshift.api.rollout.RolloutAction;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.util.List;

/**
 * {@code /admin/rollouts}: the same resources and actions as {@code kubectl}, for runs without Kubernetes (and
 * with it: the admin API then writes to the cluster). Guarded by the gateway's admin role check on {@code /admin/*}.
 *
 * <ul>
 *   <li>{@code GET /admin/rollouts}: every rollout with its status</li>
 *   <li>{@code GET /admin/rollouts/{name}}</li>
 *   <li>{@code PUT /admin/rollouts/{name}}: create or replace (a ModelRollout document or a bare spec, JSON or YAML);
 *       the status is kept, exactly like {@code kubectl apply}</li>
 *   <li>{@code DELETE /admin/rollouts/{name}}</li>
 *   <li>{@code POST /admin/rollouts/{name}/actions/{action}}: promote, promote-full, abort, retry, pause, resume</li>
 * </ul>
 */
@ApplicationScoped
public class RolloutAdminEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final RolloutController controller;

    public RolloutAdminEndpoints(RolloutController controller) {
        this.controller = controller;
    }

    void init(@Observes Router router) {
        router.get("/admin/rollouts").blockingHandler(this::list);
        router.get("/admin/rollouts/:name").blockingHandler(this::get);
        router.put("/admin/rollouts/:name").handler(BodyHandler.create().setBodyLimit(1 << 20)).blockingHandler(this::put);
        router.delete("/admin/rollouts/:name").blockingHandler(this::delete);
        router.post("/admin/rollouts/:name/actions/:action").blockingHandler(this::action);
    }

    private RolloutStore store(RoutingContext ctx) {
        RolloutLoop loop = controller.loop();
        if (loop == null) {
            error(ctx, OpenAiError.notFound("the rollout controller is off: set modelshift.rollout.store to file or"
                    + " kubernetes", null, "rollouts_disabled"));
            return null;
        }
        return loop.store();
    }

    private void list(RoutingContext ctx) {
        RolloutStore store = store(ctx);
        if (store == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("store", store instanceof FileRolloutStore ? "file" : "kubernetes").put("leader", store.leader());
        ArrayNode items = root.putArray("items");
        for (ModelRollout r : store.list()) {
            items.add(tree(r));
        }
        if (store instanceof FileRolloutStore files) {
            root.set("fileErrors", JSON.valueToTree(files.fileErrors()));
        }
        json(ctx, 200, root);
    }

    private void get(RoutingContext ctx) {
        RolloutStore store = store(ctx);
        if (store == null) {
            return;
        }
        ModelRollout r = find(ctx, store);
        if (r != null) {
            json(ctx, 200, tree(r));
        }
    }

    private void put(RoutingContext ctx) {
        RolloutStore store = store(ctx);
        if (store == null) {
            return;
        }
        String name = ctx.pathParam("name");
        if (!name.matches(Patterns.NAME)) {
            error(ctx, OpenAiError.badRequest("rollout name '" + name + "' must match " + Patterns.NAME, "name", "invalid_rollout"));
            return;
        }
        ModelRolloutSpec spec;
        try {
            String text = ctx.body().asString();
            JsonNode doc = (text != null && text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text == null ? "" : text);
            if (doc == null || !doc.isObject()) {
                throw new IOException("the body must be a ModelRollout (JSON or YAML) or its spec");
            }
            String docName = doc.path("metadata").path("name").asText(name);
            if (!docName.equals(name)) {
                error(ctx, OpenAiError.badRequest("metadata.name '" + docName + "' differs from the path's '" + name + "'",
                        "metadata.name", "invalid_rollout"));
                return;
            }
            spec = Serialization.unmarshal(JSON.writeValueAsString(doc.has("spec") ? doc.get("spec") : doc), ModelRolloutSpec.class);
        } catch (IOException | RuntimeException e) {
            error(ctx, OpenAiError.badRequest("cannot read the rollout: " + FileRolloutStore.rootMessage(e), null, "invalid_rollout"));
            return;
        }
        List<String> problems = SpecCheck.problems(spec, u -> controller.loop() != null && upstreamKnown(u));
        if (!problems.isEmpty()) {
            error(ctx, OpenAiError.badRequest("invalid rollout: " + String.join("; ", problems), "spec", "invalid_rollout"));
            return;
        }
        boolean existed = store.get(name) != null;
        try {
            ModelRollout saved = store.apply(new ModelRollout(name, spec));
            json(ctx, existed ? 200 : 201, tree(saved));
        } catch (KubernetesClientException e) {
            error(ctx, new OpenAiError(e.getCode() >= 400 && e.getCode() < 600 ? e.getCode() : 502,
                    "the Kubernetes API refused the rollout: " + e.getMessage(), OpenAiError.SERVER, null, "kubernetes_error"));
        }
    }

    private boolean upstreamKnown(String upstream) {
        return controller.engine() != null && controller.weightsKnow(upstream);
    }

    private void delete(RoutingContext ctx) {
        RolloutStore store = store(ctx);
        if (store == null) {
            return;
        }
        if (store.delete(ctx.pathParam("name"))) {
            ctx.response().setStatusCode(204).end();
        } else {
            error(ctx, notFound(ctx.pathParam("name")));
        }
    }

    private void action(RoutingContext ctx) {
        RolloutStore store = store(ctx);
        if (store == null) {
            return;
        }
        RolloutAction action;
        try {
            action = RolloutAction.parse(ctx.pathParam("action"));
        } catch (IllegalArgumentException e) {
            error(ctx, OpenAiError.badRequest(e.getMessage(), "action", "invalid_action"));
            return;
        }
        if (find(ctx, store) == null) {
            return;
        }
        store.requestAction(ctx.pathParam("name"), action);
        json(ctx, 202, JSON.createObjectNode().put("rollout", ctx.pathParam("name")).put("action", action.value())
                .put("message", "requested; the controller applies it on its next tick and records the result in"
                        + " status.lastAction"));
    }

    private ModelRollout find(RoutingContext ctx, RolloutStore store) {
        ModelRollout r = store.get(ctx.pathParam("name"));
        if (r == null) {
            error(ctx, notFound(ctx.pathParam("name")));
        }
        return r;
    }

    private static OpenAiError notFound(String name) {
        return OpenAiError.notFound("no rollout named '" + name + "'", "name", "rollout_not_found");
    }

    private static JsonNode tree(ModelRollout r) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(Serialization.asJson(r));
            ObjectNode meta = (ObjectNode) node.path("metadata");
            if (meta.path("annotations").isObject()) {
                ((ObjectNode) meta.get("annotations")).remove(FileRolloutStore.SOURCE);
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }

    private static void error(RoutingContext ctx, OpenAiError e) {
        ctx.response().setStatusCode(e.status()).putHeader("content-type", "application/json").end(e.toJson());
    }
}
