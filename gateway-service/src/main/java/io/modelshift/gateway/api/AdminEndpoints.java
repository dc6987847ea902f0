package io.modelshift.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.api.openai.OpenAiError;
import io.modelshift.gateway.access.AccessControl;
import io.modelshift.gateway.access.Role;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.RouteSnapshot;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.RouteUpdate;
import io.modelshift.gateway.routing.Shadow;
import io.modelshift.gateway.routing.Variant;
import io.modelshift.gateway.routing.VariantTraffic;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /admin/...}: every path there first passes the admin role check (the rollout controller's endpoints reuse
 * it by living under the same prefix). {@code GET /admin/routes} shows configured and observed weights;
 * {@code POST /admin/routes/{route}} applies a {@link RouteUpdate} ({@code {"weights":{...},"shadow":{...}}}).
 */
@ApplicationScoped
public class AdminEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessControl access;
    private final RouteTable table;
    private final VariantTraffic traffic;

    public AdminEndpoints(AccessControl access, RouteTable table, VariantTraffic traffic) {
        this.access = access;
        this.table = table;
        this.traffic = traffic;
    }

    void init(@Observes Router router) {
        router.route("/admin/*").order(-10).handler(this::requireAdmin);
        router.get("/admin/routes").handler(this::routes);
        router.post("/admin/routes/:route").handler(BodyHandler.create().setBodyLimit(65536)).handler(this::update);
    }

    /** The shared admin guard: 401 without a valid key, 403 without the admin role. */
    void requireAdmin(RoutingContext ctx) {
        AccessControl.Result r = access.requireRole(ctx.request().getHeader("authorization"), Role.ADMIN);
        if (r.error() != null) {
            Replies.error(ctx.response(), r.error(), OpenAiEndpoints.requestId(ctx.request()));
            return;
        }
        ctx.next();
    }

    private void routes(RoutingContext ctx) {
        RouteSnapshot snapshot = table.snapshot();
        ObjectNode root = JSON.createObjectNode().put("version", snapshot.version()).put("source", snapshot.source());
        ObjectNode routes = root.putObject("routes");
        for (Route r : snapshot.routes().values()) {
            ObjectNode route = routes.putObject(r.name());
            route.put("stable", r.stable()).put("stickiness", r.stickiness().toString())
                    .put("shadow_fraction", r.shadow().fraction());
            ObjectNode weights = route.putObject("weights");
            ObjectNode protocols = route.putObject("protocols");
            for (Variant v : r.variants()) {
                weights.put(v.name(), v.weight());
                protocols.put(v.name(), v.effectiveProtocol().label());
            }
            ObjectNode observed = route.putObject("observed");
            traffic.observed(r.name()).forEach(observed::put);
        }
        ctx.response().putHeader("content-type", "application/json").end(root.toString());
    }

    private void update(RoutingContext ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.body().asString() == null ? "{}" : ctx.body().asString());
            Map<String, Integer> weights = new HashMap<>();
            body.path("weights").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asInt()));
            JsonNode sh = body.path("shadow");
            Shadow shadow = sh.isObject() ? new Shadow(sh.path("fraction").asDouble(0), sh.path("target").asText(null),
                    sh.path("max_concurrent").asInt(16)) : null;
            table.apply(new RouteUpdate(ctx.pathParam("route"), weights, shadow, "admin api"));
            routes(ctx);
        } catch (IOException | IllegalArgumentException e) {
            Replies.error(ctx.response(), OpenAiError.badRequest(e.getMessage(), null, "invalid_route_update"),
                    OpenAiEndpoints.requestId(ctx.request()));
        }
    }
}
