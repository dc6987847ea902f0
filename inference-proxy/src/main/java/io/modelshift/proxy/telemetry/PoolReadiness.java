package io.modelshift.proxy.telemetry;

import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The proxy is ready when at least one pod of its pool may be picked. */
@Readiness
@ApplicationScoped
public class PoolReadiness implements HealthCheck {

    private final PodPool pool;

    public PoolReadiness(PodPool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        long routable = pool.pods().stream().filter(Pod::routable).count();
        return HealthCheckResponse.named("pod-pool").status(routable > 0)
                .withData("pods", pool.pods().size()).withData("routable", routable).build();
    }
}
