package io.modelshift.cli.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.RolloutAction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ModelRollouts in a namespace; actions are the {@code modelshift.io/action} annotation the controller consumes. */
final class ClusterRollouts implements Rollouts {

    private final KubernetesClient client;
    private final String namespace;

    ClusterRollouts(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    private MixedOperation<ModelRollout, KubernetesResourceList<ModelRollout>, Resource<ModelRollout>> rollouts() {
        return client.resources(ModelRollout.class);
    }

    @Override
    public String where() {
        return "namespace " + namespace + " (" + client.getMasterUrl() + ")";
    }

    @Override
    public List<ModelRollout> list() {
        return rollouts().inNamespace(namespace).list().getItems();
    }

    @Override
    public Optional<ModelRollout> find(String name) {
        return Optional.ofNullable(rollouts().inNamespace(namespace).withName(name).get());
    }

    @Override
    public ModelRollout apply(ModelRollout rollout) {
        rollout.getMetadata().setNamespace(namespace);
        Resource<ModelRollout> existing = rollouts().inNamespace(namespace).withName(rollout.getMetadata().getName());
        if (existing.get() == null) {
            return rollouts().inNamespace(namespace).resource(rollout).create();
        }
        return existing.edit(r -> {
            r.setSpec(rollout.getSpec());
            return r;
        });
    }

    @Override
    public void request(String name, RolloutAction action) {
        rollouts().inNamespace(namespace).withName(name).edit(r -> {
            Map<String, String> annotations = r.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(r.getMetadata().getAnnotations());
            annotations.put(ModelRollout.ACTION_ANNOTATION, action.value());
            r.getMetadata().setAnnotations(annotations);
            return r;
        });
    }
}
