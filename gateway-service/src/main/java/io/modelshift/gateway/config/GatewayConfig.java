package io.modelshift.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every knob of the gateway, under {@code modelshift.gateway.*}; documented in the module README. */
@ConfigMapping(prefix = "modelshift.gateway")
public interface GatewayConfig {

    /** The routes YAML file; without it the gateway serves no routes (every model is unknown). */
    Optional<Path> routesFile();

    /** How often the routes and keys files are checked for changes. */
    @WithDefault("2s")
    Duration reloadInterval();

    /** Largest accepted request body; larger ones get 413. */
    @WithDefault("4194304")
    int maxBodyBytes();

    /** This replica's name in record batches. */
    @WithDefault("gateway")
    String replicaName();

    Access access();

    Upstream upstream();

    Records records();

    interface Access {
        /** The keys YAML file (a mounted Kubernetes Secret in a cluster). */
        Optional<Path> keysFile();

        /** Accept any request without a key. Local development only: logged loudly at startup. */
        @WithDefault("false")
        boolean openMode();
    }

    interface Upstream {
        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * From sending a streamed request to the first body byte of its answer. A non-streamed answer arrives whole,
         * once generated, so it is bounded by the total timeout alone.
         */
        @WithDefault("60s")
        Duration firstByteTimeout();

        /** Longest silence between two chunks of a streamed answer. */
        @WithDefault("30s")
        Duration idleTimeout();

        /** Whole request, first byte to last. */
        @WithDefault("600s")
        Duration totalTimeout();

        /** How often deadlines are checked (their precision). */
        @WithDefault("50ms")
        Duration deadlineTick();

        /** Keep-alive connections per upstream host and event loop (each event loop has its own pool). */
        @WithDefault("4096")
        int maxConnections();

        /**
         * HTTP/2 connections per h2c upstream host and event loop; each carries up to the upstream's
         * SETTINGS_MAX_CONCURRENT_STREAMS requests (a Vert.x server announces 100 by default). Opened on demand; a
         * request finding every stream slot taken waits for one (up to the first-byte timeout).
         */
        @WithDefault("64")
        int h2cMaxConnections();

        /** Largest non-streamed upstream answer held in memory. */
        @WithDefault("16777216")
        int maxResponseBytes();

        /** Bulkhead: concurrent requests per variant; beyond it the request falls back or gets 503. */
        @WithDefault("2048")
        int maxConcurrentPerVariant();

        Breaker breaker();
    }

    interface Breaker {
        /** Opens after this many failures in a row. */
        @WithDefault("5")
        int consecutiveFailures();

        /** Or when this share of the last {@code window} calls failed. */
        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("20")
        int window();

        /** How long an open breaker refuses calls before letting one probe through. */
        @WithDefault("10s")
        Duration openDuration();
    }

    interface Records {
        /** Ingest endpoints that receive record batches (POST of a TrafficBatch), e.g. the evaluation service's. */
        Optional<List<String>> sinks();

        @WithDefault("20000")
        int queueCapacity();

        @WithDefault("500")
        int batchSize();

        @WithDefault("1s")
        Duration flushInterval();

        @WithDefault("5s")
        Duration sinkTimeout();

        /** On by default: no prompt or completion text leaves the gateway. */
        @WithDefault("true")
        boolean privacyMode();

        /** With privacy mode off: the share of records that carry prompt and completion text. */
        @WithDefault("0.0")
        double textSampleRate();

        /**
         * With privacy mode off: the longest prompt or completion a record carries, in characters; longer text is cut
         * and says so. Bounds a batch (batch-size records of two texts each) within the sinks' body limit.
         */
        @WithDefault("16384")
        int maxTextChars();
    }
}
