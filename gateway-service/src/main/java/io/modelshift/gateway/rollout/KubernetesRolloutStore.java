package io.modelshift.gateway.rollout;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * ModelRollouts from the Kubernetes API: an informer keeps a local cache (so reads never wait on the API server and
 * the last known rollouts survive an outage), status goes to the status subresource with the resourceVersion read
 * (a stale writer, e.g. a replica that just lost the lease, gets a conflict instead of a double step), actions are
 * annotations stamped and removed with resourceVersion-locked updates (the exactly-once protocol of
 * {@link RolloutLoop}), and transitions become Kubernetes Events.
 */
public class KubernetesRolloutStore implements RolloutStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesRolloutStore.class);

    private final KubernetesClient client;
    private final String namespace;
    private final BooleanSupplier leadership;
    private final String identity;
    private SharedIndexInformer<ModelRollout> informer;

    public KubernetesRolloutStore(KubernetesClient client, String namespace, BooleanSupplier leadership, String identity) {
        this.client = client;
        this.namespace = namespace;
        this.leadership = leadership;
        this.identity = identity;
    }

    /** Starts the informer and waits for its first list. */
    public KubernetesRolloutStore start() {
        informer = rollouts().inform();
        return this;
    }

    private NonNamespaceOperation<ModelRollout, KubernetesResourceList<ModelRollout>, Resource<ModelRollout>> rollouts() {
        return client.resources(ModelRollout.class).inNamespace(namespace);
    }

    @Override
    public List<ModelRollout> list() {
        return informer.getStore().list().stream().map(this::copy)
                .sorted(Comparator.comparing(r -> r.getMetadata().getName())).toList();
    }

    @Override
    public ModelRollout get(String name) {
        ModelRollout r = informer.getStore().getByKey(namespace + "/" + name);
        return r == null ? null : copy(r);
    }

    /** Reads straight from the API server (admin API answers after a write). */
    public ModelRollout fetch(String name) {
        return rollouts().withName(name).get();
    }

    @Override
    public ModelRollout apply(ModelRollout rollout) {
        ModelRollout clean = new ModelRollout(rollout.getMetadata().getName(), rollout.getSpec());
        clean.getMetadata().setNamespace(namespace);
        clean.getMetadata().setLabels(rollout.getMetadata().getLabels());
        ModelRollout existing = fetch(clean.getMetadata().getName());
        if (existing == null) {
            return rollouts().resource(clean).create();
        }
        existing.setSpec(rollout.getSpec());
        return rollouts().resource(existing).createOr(NonDeletingOperation::update);
    }

    @Override
    public boolean delete(String name) {
        return !rollouts().withName(name).delete().isEmpty();
    }

    @Override
    public void requestAction(String name, RolloutAction action) {
        rollouts().withName(name).edit(r -> {
            if (r.getMetadata().getAnnotations() == null) {
                r.getMetadata().setAnnotations(new HashMap<>());
            }
            r.getMetadata().getAnnotations().put(ModelRollout.ACTION_ANNOTATION, action.value());
            return r;
        });
    }

    @Override
    public boolean stampAction(ModelRollout rollout, String seen, String stamped) {
        return replaceAction(rollout, seen, stamped);
    }

    @Override
    public boolean clearAction(ModelRollout rollout, String value) {
        return replaceAction(rollout, value, null);
    }

    /** Sets the action annotation from {@code expected} to {@code next} (null: removes it) with a locked PUT. */
    private boolean replaceAction(ModelRollout rollout, String expected, String next) {
        String name = rollout.getMetadata().getName();
        ModelRollout fresh = fetch(name);
        if (fresh == null || fresh.getMetadata().getAnnotations() == null
                || !expected.equals(fresh.getMetadata().getAnnotations().get(ModelRollout.ACTION_ANNOTATION))) {
            return false; // another replica got there first, or a human changed it
        }
        if (next == null) {
            fresh.getMetadata().getAnnotations().remove(ModelRollout.ACTION_ANNOTATION);
        } else {
            fresh.getMetadata().getAnnotations().put(ModelRollout.ACTION_ANNOTATION, next);
        }
        try {
            // a PUT carries the resourceVersion just read: if anyone changed the object since, 409 and nothing changes
            ModelRollout after = rollouts().resource(fresh).update();
            rollout.getMetadata().setResourceVersion(after.getMetadata().getResourceVersion());
            rollout.getMetadata().setAnnotations(after.getMetadata().getAnnotations());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                LOG.infof("rollout %s: action '%s' raced with another change; next tick", name, expected);
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean writeStatus(ModelRollout rollout, ModelRolloutStatus status) {
        // the decision was made from this resourceVersion: a writer whose view is stale (a replica that just lost
        // the lease, a lagging cache) must not write it. The API server enforces it on the PUT below (409); the
        // read before it also catches it on test servers that do not check resourceVersions on /status.
        ModelRollout fresh = fetch(rollout.getMetadata().getName());
        if (fresh == null || !fresh.getMetadata().getResourceVersion().equals(rollout.getMetadata().getResourceVersion())) {
            return false;
        }
        ModelRollout copy = copy(rollout);
        copy.setStatus(status);
        try {
            ModelRollout after = rollouts().resource(copy).updateStatus();
            rollout.getMetadata().setResourceVersion(after.getMetadata().getResourceVersion());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void emit(ModelRollout rollout, RolloutEvent event) {
        String now = Instant.now().toString();
        String name = rollout.getMetadata().getName();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(name + ".").withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(ModelRollout.GROUP + "/"
                            + ModelRollout.VERSION).withKind("ModelRollout").withName(name).withNamespace(namespace)
                            .withUid(rollout.getMetadata().getUid()).build())
                    .withType(event.type()).withReason(event.reason())
                    .withMessage(event.message().length() > 1000 ? event.message().substring(0, 1000) + "..." : event.message())
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withReportingComponent("modelshift-gateway").withReportingInstance(identity)
                    .withNewSource().withComponent("modelshift-rollout-controller").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("rollout %s: could not record event %s: %s", name, event.reason(), e.getMessage());
        }
    }

    @Override
    public boolean leader() {
        return leadership.getAsBoolean();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }

    private ModelRollout copy(ModelRollout r) {
        return client.getKubernetesSerialization().clone(r);
    }

    private String json(Object o) {
        return client.getKubernetesSerialization().asJson(o);
    }
}
