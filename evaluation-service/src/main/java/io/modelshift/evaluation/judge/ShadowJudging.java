package io.modelshift.evaluation.judge;

import io.modelshift.evaluation.client.OpenAiClient;
import io.modelshift.evaluation.client.TargetException;
import io.modelshift.evaluation.traffic.TrafficStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Judges each shadow pair once both of its records (served and shadow, both with text) have arrived. Off when no
 * judge is configured. Judging runs in the background and never slows ingest.
 */
@ApplicationScoped
public class ShadowJudging {

    private static final Logger LOG = Logger.getLogger(ShadowJudging.class);

    private final TrafficStore traffic;
    private final JudgementStore judgements;
    private final Optional<PairwiseJudge> judge;
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger pending = new AtomicInteger();
    /** Pairs being judged now: both records of a pair often arrive in one batch and offer it twice. */
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ShadowJudging(TrafficStore traffic, JudgementStore judgements, JudgeSettings settings, MeterRegistry registry) {
        this.traffic = traffic;
        this.judgements = judgements;
        this.slots = new Semaphore(Math.max(1, settings.concurrency()));
        this.judge = settings.baseUrl().filter(u -> !u.isBlank()).map(url -> new PairwiseJudge(
                new OpenAiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), url,
                        settings.apiKey(), settings.timeout(), 3, Duration.ofMillis(500)),
                settings.model(), settings.maxTokens()));
        registry.gauge("modelshift.eval.judge.pending", pending);
    }

    public boolean enabled() {
        return judge.isPresent();
    }

    /** Judgements queued or running (tests wait for zero). */
    public int pending() {
        return pending.get();
    }

    public void offer(String pairId) {
        if (judge.isEmpty()) {
            return;
        }
        pending.incrementAndGet();
        threads.submit(() -> {
            slots.acquireUninterruptibly();
            try {
                judgeIfComplete(pairId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "judging pair %s failed", pairId);
            } finally {
                slots.release();
                pending.decrementAndGet();
            }
        });
    }

    private void judgeIfComplete(String pairId) {
        if (!inFlight.add(pairId)) {
            return;
        }
        try {
            judgeOnce(pairId);
        } finally {
            inFlight.remove(pairId);
        }
    }

    private void judgeOnce(String pairId) {
        if (judgements.exists(pairId)) {
            return;
        }
        traffic.pair(pairId).ifPresent(pair -> {
            try {
                PairwiseJudge.Judgement j = judge.orElseThrow().judge(pair.prompt() == null ? "" : pair.prompt(),
                        pair.baselineAnswer(), pair.candidateAnswer());
                judgements.save(pairId, pair.route(), pair.baseline(), pair.candidate(), j);
            } catch (TargetException e) {
                LOG.warnf("judge failed on pair %s: %s", pairId, e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
