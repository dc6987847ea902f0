package io.modelshift.proxy.discovery;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.forwarding.Outlier;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The current pods of the pool. Discovery replaces the endpoint set; pods that stay keep their state (metrics,
 * in-flight counts, ejections). Readers get an immutable snapshot, so the hot path never locks.
 */
@ApplicationScoped
public class PodPool {

    private static final Logger LOG = Logger.getLogger(PodPool.class);

    /** Told about pods that joined and left (telemetry registers and removes per-pod gauges). */
    public interface Listener {
        void changed(List<Pod> added, List<Pod> removed);
    }

    private final ProxyConfig.Health health;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Pod> pods = List.of();

    public PodPool(ProxyConfig config) {
        this.health = config.health();
    }

    public List<Pod> pods() {
        return pods;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
        listener.changed(pods, List.of());
    }

    public boolean anyRoutable() {
        for (Pod pod : pods) {
            if (pod.routable()) {
                return true;
            }
        }
        return false;
    }

    /** Makes the pool exactly these endpoints (by address). */
    public void update(Collection<Endpoint> endpoints) {
        List<Pod> added = new ArrayList<>();
        List<Pod> removed = new ArrayList<>();
        synchronized (this) {
            Map<String, Pod> current = new LinkedHashMap<>();
            for (Pod pod : pods) {
                current.put(pod.address(), pod);
            }
            Map<String, Pod> next = new LinkedHashMap<>();
            for (Endpoint e : endpoints) {
                Pod pod = current.remove(e.address());
                if (pod == null) {
                    pod = new Pod(e, new Outlier(health.consecutiveFailures(), health.baseEjection().toNanos(),
                            health.maxEjection().toNanos()));
                    added.add(pod);
                } else if (pod.discoveredReady() != e.ready()) {
                    LOG.infof("pod %s is now %s", pod, e.ready() ? "ready" : "not ready");
                }
                pod.discoveredReady(e.ready());
                next.putIfAbsent(e.address(), pod);
            }
            removed.addAll(current.values());
            pods = List.copyOf(next.values());
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            LOG.infof("pool changed: +%s -%s", added, removed);
            for (Listener l : listeners) {
                l.changed(added, removed);
            }
        }
    }
}
