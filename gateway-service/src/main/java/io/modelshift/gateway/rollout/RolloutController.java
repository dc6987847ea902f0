package io.modelshift.gateway.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.VariantTraffic;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires the rollout controller into the gateway: the store from configuration, the engine with its gate probes, and
 * a single-threaded timer running {@link RolloutLoop#tick()} (off the request path; gates may block it, requests
 * never wait on it).
 */
@ApplicationScoped
public class RolloutController {

    private static final Logger LOG = Logger.getLogger(RolloutController.class);

    private final RolloutConfig config;
    private final RouteTable table;
    private final VariantTraffic traffic;
    private final MeterRegistry registry;
    private final Instance<KubernetesClient> kubernetes;
    private final Clock clock;
    private volatile RolloutLoop loop;
    private volatile RolloutEngine engine;
    private volatile RouteWeights weights;
    private LeaseLeadership leadership;
    private KubernetesRolloutStore kubeStore;
    private ScheduledExecutorService timer;

    public RolloutController(RolloutConfig config, RouteTable table, VariantTraffic traffic, MeterRegistry registry,
                             Instance<KubernetesClient> kubernetes, Clock clock) {
        this.config = config;
        this.table = table;
        this.traffic = traffic;
        this.registry = registry;
        this.kubernetes = kubernetes;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (config.store() == RolloutConfig.StoreKind.none) {
            LOG.info("rollout controller off (modelshift.rollout.store=none)");
            return;
        }
        weights = new RouteWeights(table);
        HttpJson http = new HttpJson(config.gateTimeout());
        Gates gates = new Gates(Map.of(
                "evaluation", new EvaluationProbe(http, config.evaluationUrl()),
                "prometheus", new PrometheusProbe(http, config.prometheusUrl()),
                "cost", new CostProbe(http, config.costUrl(), config.costPath(), config.costPointer(),
                        config.costSamplesPointer(), config.costScale())));
        engine = new RolloutEngine(gates, new RolloutEngine.Settings(config.analysisInterval(), config.progressDeadline(),
                config.weightTolerance(), config.weightMinRequests(), 50), weights::knows);
        RolloutStore store = switch (config.store()) {
            case file -> new FileRolloutStore(config.dir().orElseThrow(() -> new IllegalStateException(
                    "modelshift.rollout.store=file needs modelshift.rollout.dir (a folder of ModelRollout YAML files)")));
            case kubernetes -> kubernetesStore();
            case none -> throw new IllegalStateException();
        };
        loop = new RolloutLoop(store, engine, weights, traffic::observed, new RolloutMetrics(registry), clock);
        LOG.infof("rollout controller on: %s store, tick %s", config.store(), config.tick());
        if (config.schedule()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rollout-controller");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(loop::tick, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private RolloutStore kubernetesStore() {
        KubernetesClient client = kubernetes.get();
        String ns = config.namespace().orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
        String identity = config.lease().identity().orElseGet(RolloutController::hostName);
        leadership = new LeaseLeadership(client, ns, config.lease().name(), identity, config.lease().duration(),
                config.lease().renewDeadline(), config.lease().retryPeriod());
        leadership.start();
        kubeStore = new KubernetesRolloutStore(client, ns, leadership, identity).start();
        return kubeStore;
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (leadership != null) {
            leadership.close();
        }
        if (kubeStore != null) {
            kubeStore.close();
        }
    }

    /** The running loop, or null when the controller is off. */
    public RolloutLoop loop() {
        return loop;
    }

    public RolloutEngine engine() {
        return engine;
    }

    /** Whether a non-URL upstream names a variant the gateway knows. */
    public boolean weightsKnow(String upstream) {
        return weights != null && weights.knows(upstream);
    }

    private static String hostName() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway-" + ProcessHandle.current().pid();
        }
    }
}
