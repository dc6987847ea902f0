package io.modelshift.api.rollout;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A staged move of one gateway route from a stable model to a canary model, with analysis gates and automatic
 * rollback. The source of the {@code modelrollouts.modelshift.io} CRD (generated at build time into
 * {@code META-INF/fabric8/modelrollouts.modelshift.io-v1.yml}); the same document is read from YAML files when
 * the gateway runs without Kubernetes.
 *
 * <p>Manual actions are annotations ({@link #ACTION_ANNOTATION}) that the controller consumes, so Helm and GitOps,
 * which own the spec, never overwrite them.
 */
@Group(ModelRollout.GROUP)
@Version(ModelRollout.VERSION)
@ShortNames("mro")
@AdditionalPrinterColumn(name = "Route", jsonPath = ".spec.route", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stable", jsonPath = ".spec.stable.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Canary", jsonPath = ".spec.canary.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Weight", jsonPath = ".status.desiredWeight", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Observed", jsonPath = ".status.observedWeight", type = AdditionalPrinterColumn.Type.NUMBER, priority = 1)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.step", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ModelRollout extends CustomResource<ModelRolloutSpec, ModelRolloutStatus> implements Namespaced {

    public static final String GROUP = "modelshift.io";
    public static final String VERSION = "v1alpha1";
    /** The CRD's file name inside {@code META-INF/fabric8/}; the Helm chart copies it, keep it stable. */
    public static final String CRD_FILE = "modelrollouts.modelshift.io-v1.yml";
    /** {@code kubectl annotate mro NAME modelshift.io/action=promote}; see {@link RolloutAction}. */
    public static final String ACTION_ANNOTATION = "modelshift.io/action";

    public ModelRollout() {
    }

    public ModelRollout(String name, ModelRolloutSpec spec) {
        getMetadata().setName(name);
        setSpec(spec);
    }
}
