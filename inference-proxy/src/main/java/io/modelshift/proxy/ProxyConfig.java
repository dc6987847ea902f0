package io.modelshift.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Every knob of the inference-proxy, under {@code modelshift.proxy.*} (documented in the module README). */
@ConfigMapping(prefix = "modelshift.proxy")
public interface ProxyConfig {

    /** Static pod base URLs ({@code http://host:port}); used when {@code discovery.mode=static}. */
    Optional<List<String>> pods();

    Discovery discovery();

    Picking picking();

    Admission admission();

    Forwarding forwarding();

    Health health();

    interface Discovery {
        /** {@code static} (the pods list) or {@code kubernetes} (EndpointSlice informer). */
        @WithDefault("static")
        String mode();

        /** Namespace of the EndpointSlices; defaults to the client's namespace. */
        Optional<String> namespace();

        /** Label selector of the EndpointSlices, e.g. {@code kubernetes.io/service-name=llama-3-70b}. */
        Optional<String> labelSelector();

        /** Name of the EndpointSlice port to use; when absent, the first port (or {@link #port()}). */
        Optional<String> portName();

        /** Port used when the slice names no port. */
        @WithDefault("8000")
        int port();
    }

    interface Picking {
        /** How often each pod's /metrics is scraped. */
        @WithDefault("100ms")
        Duration scrapeInterval();

        /** Scrape request timeout. */
        @WithDefault("1s")
        Duration scrapeTimeout();

        /**
         * Metrics older than this are late: the pod is judged on its last known metrics and the proxy's own
         * in-flight count, and ranks below pods with fresh metrics.
         */
        @WithDefault("500ms")
        Duration staleness();

        /** Metrics older than this (or none yet) mean the pod's load is unknown: it counts as saturated. */
        @WithDefault("30s")
        Duration metricsExpiry();

        @WithDefault("2")
        double queueWeight();

        @WithDefault("2")
        double kvCacheWeight();

        /** Weight of the proxy's own in-flight count (known instantly, unlike scraped metrics). */
        @WithDefault("1")
        double inFlightWeight();

        /** A pod whose waiting queue (scraped + dispatched since the scrape) reaches this is saturated. */
        @WithDefault("5")
        int queueThreshold();

        /** A pod whose KV-cache usage (0..1) reaches this is saturated. */
        @WithDefault("0.8")
        double kvCacheThreshold();

        /** Seconds sent in Retry-After with a 429 shed. */
        @WithDefault("1")
        int retryAfterSeconds();
    }

    interface Admission {
        /** Largest accepted request body; bigger bodies get 413. */
        @WithDefault("4194304")
        long maxBodyBytes();

        /** Context window per served model name (quoted keys), e.g. {@code max-model-len."llama-3-70b"=8192}. */
        Map<String, Integer> maxModelLen();

        /** Context window applied to models without their own entry; when absent such models are not guarded. */
        OptionalInt defaultMaxModelLen();

        /** How often the pods' GET /v1/models is read to learn each model's max_model_len. */
        @WithDefault("30s")
        Duration modelsRefresh();

        /** Characters per token for the prompt-length estimate (English text is about 4). */
        @WithDefault("4.0")
        double charsPerToken();
    }

    interface Forwarding {
        /** Extra attempts on other pods after a connection failure, timeout, 5xx or 429 before the first byte. */
        @WithDefault("2")
        int retries();

        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * Longest silence from a pod: before its headers (a non-streaming answer comes whole, after the entire
         * generation) or between stream chunks.
         */
        @WithDefault("600s")
        Duration idleTimeout();

        /** Keep-alive connections per pod and event loop (each event loop has its own pool). */
        @WithDefault("256")
        int maxConnectionsPerPod();
    }

    interface Health {
        /** How often each pod's /health is probed (also re-admits ejected pods). */
        @WithDefault("1s")
        Duration probeInterval();

        @WithDefault("1s")
        Duration probeTimeout();

        /**
         * Probes in a row that time out (or break) before a pod counts as unhealthy; they do not count while the pod
         * is sending answers to requests. An answer other than 200 or a refused connection takes it out at once.
         */
        @WithDefault("3")
        int failureThreshold();

        /** Consecutive failed requests that eject a pod. */
        @WithDefault("2")
        int consecutiveFailures();

        /** First ejection time; doubled on each further ejection. */
        @WithDefault("1s")
        Duration baseEjection();

        @WithDefault("30s")
        Duration maxEjection();
    }
}
