package io.modelshift.evaluation.benchmarks;

import io.modelshift.evaluation.sandbox.PythonSandbox;
import io.modelshift.evaluation.sandbox.SandboxLimits;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The benchmarks this service runs, by name, and the loaded datasets (read once per benchmark and shot count). */
@ApplicationScoped
public class BenchmarkCatalog {

    private final Map<String, Benchmark> benchmarks;
    private final Optional<String> datasets;
    private final PythonSandbox sandbox;
    private final Map<String, Benchmark.Dataset> loaded = new ConcurrentHashMap<>();

    public BenchmarkCatalog(@ConfigProperty(name = "modelshift.eval.datasets") Optional<String> datasets,
                            @ConfigProperty(name = "modelshift.eval.sandbox.bwrap", defaultValue = "/usr/bin/bwrap") String bwrap,
                            @ConfigProperty(name = "modelshift.eval.sandbox.python", defaultValue = "/usr/bin/python3") String python,
                            @ConfigProperty(name = "modelshift.eval.sandbox.work-dir") Optional<String> workDir,
                            @ConfigProperty(name = "modelshift.eval.sandbox.timeout", defaultValue = "3s") Duration timeout,
                            @ConfigProperty(name = "modelshift.eval.sandbox.memory-mb", defaultValue = "256") long memoryMb) {
        this.datasets = datasets.filter(s -> !s.isBlank());
        SandboxLimits limits = new SandboxLimits(timeout, (int) Math.max(1, timeout.toSeconds()), memoryMb << 20, 16,
                1 << 20);
        // default below the JVM's temp dir, resolved here: the config default is not expression-expanded everywhere
        Path scratch = workDir.filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "modelshift-sandbox"));
        this.sandbox = new PythonSandbox(Path.of(bwrap), Path.of(python), scratch, limits);
        this.benchmarks = Map.of(Gsm8k.NAME, new Gsm8k(), Mmlu.NAME, new Mmlu(), Jmmlu.NAME, new Jmmlu(),
                HumanEval.NAME, new HumanEval(sandbox));
    }

    public Optional<Benchmark> find(String name) {
        return Optional.ofNullable(name == null ? null : benchmarks.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public java.util.Set<String> names() {
        return new java.util.TreeSet<>(benchmarks.keySet());
    }

    public PythonSandbox sandbox() {
        return sandbox;
    }

    public DatasetSource source() {
        return new DatasetSource(datasets.orElse(null));
    }

    /** The benchmark's dataset; a malformed or absent file raises {@link DatasetException} (not cached). */
    public Benchmark.Dataset dataset(Benchmark benchmark, int shots) {
        String key = benchmark.name() + "/" + shots;
        Benchmark.Dataset cached = loaded.get(key);
        if (cached != null) {
            return cached;
        }
        Benchmark.Dataset dataset = benchmark.load(source(), shots);
        loaded.put(key, dataset);
        return dataset;
    }
}
