package io.modelshift.gateway.rollout;

import io.modelshift.api.cost.ModelUnitCost;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The rollout controller's knobs, under {@code modelshift.rollout.*}; documented in ROLLOUTS.md. */
@ConfigMapping(prefix = "modelshift.rollout")
public interface RolloutConfig {

    enum StoreKind { none, file, kubernetes }

    /** Where ModelRollouts come from: {@code none} (controller off), {@code file} or {@code kubernetes}. */
    @WithDefault("none")
    StoreKind store();

    /** The folder of ModelRollout YAML files for {@code store=file}. */
    Optional<Path> dir();

    /** The namespace to watch for {@code store=kubernetes}; default: the client's namespace. */
    Optional<String> namespace();

    /** How often the controller runs (reconcile on the leader, apply weights everywhere). */
    @WithDefault("1s")
    Duration tick();

    /** Run the tick on a timer; tests turn it off and call the loop with a fake clock. */
    @WithDefault("true")
    boolean schedule();

    /** Default time between gate measurements (a rollout's spec.analysisInterval overrides it). */
    @WithDefault("1m")
    Duration analysisInterval();

    /** Default progress deadline (spec.progressDeadline overrides it). */
    @WithDefault("30m")
    Duration progressDeadline();

    /** How far, in percentage points, the observed canary share may be from the desired one for a step to start. */
    @WithDefault("5")
    double weightTolerance();

    /** Requests needed since the split changed before the observed share counts. */
    @WithDefault("20")
    long weightMinRequests();

    @WithDefault("http://evaluation-service:8200")
    String evaluationUrl();

    @WithDefault("http://prometheus:9090")
    String prometheusUrl();

    @WithDefault("http://cost-service:8300")
    String costUrl();

    /**
     * The cost service path giving one model's cost per 1M tokens; {model}, {route}, {since} are filled in. Default:
     * what the model cost over the rollout's window ({@link io.modelshift.api.cost.ModelUnitCost}).
     */
    @WithDefault(ModelUnitCost.PATH + "?since={since}")
    String costPath();

    /** JSON pointer to the figure in the cost service's answer. */
    @WithDefault(ModelUnitCost.FIGURE)
    String costPointer();

    /** JSON pointer to the canary's sample count in the answer (the gate's minSamples); {@code none} for none. */
    @WithDefault(ModelUnitCost.SAMPLES)
    String costSamplesPointer();

    /** Multiplies the figure, e.g. 1e6 for a price per token shown per 1M tokens. */
    @WithDefault("1")
    double costScale();

    /** Timeout of each gate's HTTP call. */
    @WithDefault("5s")
    Duration gateTimeout();

    Lease lease();

    interface Lease {
        @WithDefault("modelshift-rollout-controller")
        String name();

        @WithDefault("15s")
        Duration duration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();

        /** This replica's identity in the lease; default: the pod's host name. */
        Optional<String> identity();
    }
}
