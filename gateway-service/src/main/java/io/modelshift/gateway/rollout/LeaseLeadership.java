package io.modelshift.gateway.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Leader election on a Lease with fabric8's LeaderElector: exactly one gateway replica acts on rollouts. Losing the
 * lease (API server unreachable past the renew deadline) stops acting at once; the weights already applied stay.
 */
public class LeaseLeadership implements BooleanSupplier, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaseLeadership.class);

    private final AtomicBoolean leading = new AtomicBoolean();
    private final KubernetesClient client;
    private final String namespace;
    private final String lease;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private volatile CompletableFuture<?> running;

    public LeaseLeadership(KubernetesClient client, String namespace, String lease, String identity,
                           Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        this.client = client;
        this.namespace = namespace;
        this.lease = lease;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
    }

    public synchronized void start() {
        if (running != null && !running.isDone()) {
            return;
        }
        running = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("modelshift-rollout-controller")
                .withLock(new LeaseLock(namespace, lease, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            leading.set(true);
                            LOG.infof("%s now leads the rollout controller (lease %s/%s)", identity, namespace, lease);
                        },
                        () -> {
                            leading.set(false);
                            LOG.infof("%s stopped leading the rollout controller", identity);
                        },
                        leader -> LOG.debugf("rollout controller leader: %s", leader)))
                .build()).build().start();
        running.whenComplete((v, e) -> leading.set(false));
    }

    @Override
    public boolean getAsBoolean() {
        return leading.get();
    }

    public String identity() {
        return identity;
    }

    /** Gives the lease up (released on cancel) and stops acting. */
    @Override
    public synchronized void close() {
        leading.set(false);
        if (running != null) {
            running.cancel(true);
        }
    }
}
