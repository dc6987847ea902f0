package io.modelshift.evaluation.runs;

import io.modelshift.evaluation.benchmarks.Benchmark;
import io.modelshift.evaluation.benchmarks.BenchmarkCatalog;
import io.modelshift.evaluation.benchmarks.BenchmarkItem;
import io.modelshift.evaluation.benchmarks.Prompt;
import io.modelshift.evaluation.benchmarks.Scored;
import io.modelshift.evaluation.benchmarks.Subsets;
import io.modelshift.evaluation.client.Completion;
import io.modelshift.evaluation.client.OpenAiClient;
import io.modelshift.evaluation.client.TargetException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes runs in the background: one virtual thread per item in flight, at most {@code concurrency} at once, each
 * item stored as soon as it is scored (group commit, see {@link ItemWriter}) so that a restarted service resumes
 * without redoing it.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final RunStore store;
    private final BenchmarkCatalog catalog;
    private final RunSettings settings;
    private final RunMetrics metrics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Execution> active = new ConcurrentHashMap<>();

    public RunExecutor(RunStore store, BenchmarkCatalog catalog, RunSettings settings, RunMetrics metrics) {
        this.store = store;
        this.catalog = catalog;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** The (item, sample) units of a run, in a fixed order: the seeded subset times the samples per item. */
    public List<BenchmarkItem> items(Benchmark benchmark, EvaluationRequest spec) {
        return Subsets.stratified(catalog.dataset(benchmark, spec.shots()).items(), spec.sampleSize(), spec.seed());
    }

    public OpenAiClient client(String target) {
        return new OpenAiClient(http, target, settings.targetApiKey(), settings.requestTimeout(),
                settings.maxAttempts(), settings.retryBackoff());
    }

    public void start(RunRecord run) {
        Execution execution = new Execution(run);
        if (active.putIfAbsent(run.id(), execution) == null) {
            threads.submit(() -> {
                try {
                    execution.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "run %s crashed", run.id());
                    store.finish(run.id(), RunStatus.FAILED, "internal error: " + e.getMessage());
                } finally {
                    active.remove(run.id());
                    metrics.finished(run.id());
                }
            });
        }
    }

    /** Asks a running run to stop; items in flight finish, nothing new starts. */
    public boolean cancel(String id) {
        Execution execution = active.get(id);
        if (execution == null) {
            return false;
        }
        execution.cancelled = true;
        return true;
    }

    public boolean running(String id) {
        return active.containsKey(id);
    }

    @PreDestroy
    void stop() {
        // runs left RUNNING in the database resume at the next start
        active.values().forEach(e -> e.stopping = true);
        threads.shutdownNow();
    }

    private final class Execution {
        private final RunRecord run;
        private volatile boolean cancelled;
        private volatile boolean stopping;
        private final AtomicInteger tried = new AtomicInteger();
        private final AtomicInteger errors = new AtomicInteger();
        private final AtomicReference<String> failure = new AtomicReference<>();
        private final AtomicReference<String> lastError = new AtomicReference<>();
        private final ItemWriter writer;

        Execution(RunRecord run) {
            this.run = run;
            this.writer = new ItemWriter(store, run.id());
        }

        void run() throws RuntimeException {
            EvaluationRequest spec = run.spec();
            Benchmark benchmark = catalog.find(spec.benchmark()).orElseThrow();
            Benchmark.Dataset dataset = catalog.dataset(benchmark, spec.shots());
            List<BenchmarkItem> items = items(benchmark, spec);
            Set<String> done = store.finishedKeys(run.id());
            store.markRunning(run.id());
            metrics.started(run.id(), spec, run.total(), store.counts(run.id()));
            OpenAiClient client = client(spec.target());
            Semaphore inFlight = new Semaphore(spec.concurrency());
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            outer:
            for (BenchmarkItem item : items) {
                for (int sample = 0; sample < spec.samples(); sample++) {
                    if (done.contains(item.id() + "#" + sample)) {
                        continue;
                    }
                    inFlight.acquireUninterruptibly();
                    if (cancelled || stopping || failure.get() != null) {
                        inFlight.release();
                        break outer;
                    }
                    int s = sample;
                    futures.add(threads.submit(() -> {
                        try {
                            evaluate(benchmark, dataset, client, spec, item, s);
                        } catch (RuntimeException e) {
                            if (stopping) {
                                return; // shutting down: the item is redone when the run resumes
                            }
                            LOG.errorf(e, "run %s: item %s could not be scored", run.id(), item.id());
                            failure.compareAndSet(null, "item " + item.id() + " could not be scored: " + e.getMessage());
                        } finally {
                            inFlight.release();
                        }
                    }));
                }
            }
            inFlight.acquireUninterruptibly(spec.concurrency());
            try {
                writer.flush();
            } catch (RuntimeException e) {
                if (stopping) {
                    return; // the unsaved items are redone when the run resumes
                }
                LOG.errorf(e, "run %s: results could not be stored", run.id());
                failure.compareAndSet(null, "results could not be stored: " + e.getMessage());
            }
            if (stopping) {
                return;
            }
            if (failure.get() != null) {
                store.finish(run.id(), RunStatus.FAILED, failure.get());
            } else if (cancelled) {
                store.finish(run.id(), RunStatus.CANCELLED, "cancelled by request");
            } else {
                RunStore.Counts counts = store.counts(run.id());
                if (counts.errors() > 0 && counts.finished() == 0) {
                    store.finish(run.id(), RunStatus.FAILED, "every item failed; last error: " + lastError.get());
                } else {
                    store.finish(run.id(), RunStatus.SUCCEEDED, counts.errors() == 0 ? null
                            : counts.errors() + " items failed at the target and are excluded; last error: "
                            + lastError.get());
                }
            }
            LOG.infof("run %s ended (%s tried, %s target errors)", run.id(), tried.get(), errors.get());
        }

        private void evaluate(Benchmark benchmark, Benchmark.Dataset dataset, OpenAiClient client,
                              EvaluationRequest spec, BenchmarkItem item, int sample) {
            Prompt prompt = benchmark.prompt(item, dataset.shots().shotsFor(item, spec.shots()),
                    "completions".equals(spec.mode()) ? io.modelshift.evaluation.benchmarks.PromptMode.COMPLETIONS
                            : io.modelshift.evaluation.benchmarks.PromptMode.CHAT);
            String hash = hash(prompt);
            // samples after the first need a distinct seed, or a seeded server repeats the same answer
            Long seed = spec.seed() + sample;
            tried.incrementAndGet();
            ItemResult result;
            try {
                Completion c = "completions".equals(spec.mode())
                        ? client.complete(spec.model(), prompt.text(), prompt.stop(), spec.maxTokens(), spec.temperature(), seed)
                        : client.chat(spec.model(), prompt.messages(), prompt.stop(), spec.maxTokens(), spec.temperature(), seed);
                Scored scored = benchmark.score(item, c.text());
                result = new ItemResult(item.id(), sample, item.subject(), hash, c.text(), scored.extracted(),
                        scored.correct(), scored.altCorrect(), c.latencyMs(), c.promptTokens(), c.completionTokens(),
                        c.attempts(), null);
            } catch (TargetException e) {
                lastError.set(e.getMessage());
                int failed = errors.incrementAndGet();
                result = new ItemResult(item.id(), sample, item.subject(), hash, null, null, false, null, 0, -1, -1,
                        e.attempts(), e.getMessage());
                if (failed >= settings.minErrorsToFail() && failed > settings.maxErrorShare() * tried.get()) {
                    failure.compareAndSet(null, "target errors dominate: " + failed + " of " + tried.get()
                            + " items failed after " + settings.maxAttempts() + " attempts; last error: " + e.getMessage());
                }
            }
            writer.save(result);
            metrics.item(run.id(), spec, result);
        }
    }

    static String hash(Prompt prompt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            prompt.messages().forEach(m -> sha.update((m.role() + "\u0000" + m.content() + "\u0000")
                    .getBytes(StandardCharsets.UTF_8)));
            sha.update(prompt.text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
