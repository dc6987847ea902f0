package io.modelshift.evaluation.web;

import io.modelshift.evaluation.benchmarks.BenchmarkCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports in {@code /q/health/ready} whether HumanEval can run. Always up: the other benchmarks, live traffic and
 * verdicts work without a sandbox; HumanEval runs are refused with the reason given here.
 */
@Readiness
@ApplicationScoped
public class SandboxHealth implements HealthCheck {

    private final BenchmarkCatalog catalog;

    public SandboxHealth(BenchmarkCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        var sandbox = catalog.sandbox();
        var builder = HealthCheckResponse.named("humaneval-sandbox").up().withData("available", sandbox.available());
        if (!sandbox.available()) {
            builder.withData("reason", sandbox.unavailableReason());
        }
        return builder.build();
    }
}
