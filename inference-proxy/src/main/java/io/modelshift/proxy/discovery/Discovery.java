package io.modelshift.proxy.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.modelshift.proxy.ProxyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Fills the pool at startup: from the static list, or from a Kubernetes EndpointSlice informer that keeps it in
 * step as pods come, turn (not) ready and go. The Kubernetes client is only created in Kubernetes mode.
 */
@ApplicationScoped
public class Discovery {

    private static final Logger LOG = Logger.getLogger(Discovery.class);

    private final ProxyConfig config;
    private final PodPool pool;
    private final Instance<KubernetesClient> kubernetes;
    private volatile SharedIndexInformer<EndpointSlice> informer;

    public Discovery(ProxyConfig config, PodPool pool, Instance<KubernetesClient> kubernetes) {
        this.config = config;
        this.pool = pool;
        this.kubernetes = kubernetes;
    }

    void onStart(@Observes StartupEvent event) {
        switch (config.discovery().mode()) {
            case "static" -> {
                List<Endpoint> endpoints = StaticPods.parse(config.pods().orElse(List.of()));
                if (endpoints.isEmpty()) {
                    LOG.warn("static discovery with no pods: set modelshift.proxy.pods=http://host:port,...");
                }
                pool.update(endpoints);
            }
            case "kubernetes" -> startInformer();
            default -> throw new IllegalArgumentException("modelshift.proxy.discovery.mode must be 'static' or "
                    + "'kubernetes', got '" + config.discovery().mode() + "'");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void stop() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }

    private synchronized void startInformer() {
        KubernetesClient client = kubernetes.get();
        ProxyConfig.Discovery d = config.discovery();
        String namespace = d.namespace().orElse(client.getNamespace());
        String selector = d.labelSelector().orElseThrow(() -> new IllegalArgumentException(
                "kubernetes discovery needs modelshift.proxy.discovery.label-selector "
                        + "(e.g. kubernetes.io/service-name=<service>)"));
        LOG.infof("watching EndpointSlices in %s selected by %s", namespace, selector);
        informer = client.discovery().v1().endpointSlices().inNamespace(namespace).withLabelSelector(selector)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(EndpointSlice slice) {
                        resync();
                    }

                    @Override
                    public void onUpdate(EndpointSlice before, EndpointSlice after) {
                        resync();
                    }

                    @Override
                    public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
                        resync();
                    }
                });
        resync();
    }

    /** A Service's endpoints may span several slices, so the pool is rebuilt from the whole informer cache. */
    private void resync() {
        SharedIndexInformer<EndpointSlice> current = informer;
        if (current == null) {
            return;
        }
        pool.update(EndpointSlices.endpoints(current.getStore().list(), config.discovery().portName(),
                config.discovery().port()));
    }
}
