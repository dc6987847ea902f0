package io.modelshift.simulator.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** A Prometheus histogram with fixed upper bounds (vLLM's buckets), safe to observe from any thread. */
final class Histogram {

    private final String name;
    private final String help;
    private final double[] bounds;
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(String name, String help, double... bounds) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.counts = new AtomicLongArray(bounds.length + 1);
    }

    void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts.incrementAndGet(i);
        sum.add(value);
    }

    /** Appends HELP, TYPE, cumulative buckets, _sum and _count in the text exposition format. */
    void write(StringBuilder out, String labels) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += counts.get(i);
            String le = i < bounds.length ? Double.toString(bounds[i]) : "+Inf";
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                    .append((double) cumulative).append('\n');
        }
        out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append((double) cumulative).append('\n');
    }
}
