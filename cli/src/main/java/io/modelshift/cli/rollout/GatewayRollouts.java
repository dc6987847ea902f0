package io.modelshift.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.RolloutAction;
import io.modelshift.cli.ServiceClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ModelRollouts through the gateway's admin API ({@code /admin/rollouts}), for the local stack without Kubernetes. */
final class GatewayRollouts implements Rollouts {

    private final ServiceClient gateway;

    GatewayRollouts(ServiceClient gateway) {
        this.gateway = gateway;
    }

    @Override
    public String where() {
        return "gateway " + gateway.baseUrl();
    }

    @Override
    public List<ModelRollout> list() {
        List<ModelRollout> out = new ArrayList<>();
        gateway.get("/admin/rollouts").path("items").forEach(item -> out.add(read(item)));
        return out;
    }

    @Override
    public Optional<ModelRollout> find(String name) {
        return gateway.find("/admin/rollouts/" + name).map(GatewayRollouts::read);
    }

    @Override
    public ModelRollout apply(ModelRollout rollout) {
        return read(gateway.put("/admin/rollouts/" + rollout.getMetadata().getName(), Serialization.asJson(rollout)));
    }

    @Override
    public void request(String name, RolloutAction action) {
        gateway.post("/admin/rollouts/" + name + "/actions/" + action.value(), "");
    }

    private static ModelRollout read(JsonNode node) {
        return Serialization.unmarshal(node.toString(), ModelRollout.class);
    }
}
