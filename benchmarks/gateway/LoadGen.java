import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway benchmark's load generator (wrk cannot hold a fixed rate or time the first SSE byte).
 *
 * <pre>
 * rate    URL BODYFILE KEY RPS SECONDS [CONNS]  open loop: one request every 1/RPS s over at most CONNS
 *                                             keep-alive connections (default 64), latency percentiles
 * ttft    URL BODYFILE KEY COUNT CONCURRENCY    streaming: time to first "data:" byte and to the end
 * streams URL BODYFILE KEY N HOLD_SECONDS       opens N streams at once, holds them, counts errors
 * </pre>
 */
public class LoadGen {

    static final int WARM_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI uri = URI.create(args[1]);
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[2])));
        String key = args[3];
        Vertx vertx = Vertx.vertx();
        // rate: a bounded pool like wrk's connections (an unbounded one opened thousands of sockets whenever the
        // target lagged, then failed on ephemeral ports in TIME_WAIT); requests beyond it wait in the client and
        // that wait counts in their latency, which is measured from the scheduled send time
        int pool = mode.equals("rate") ? (args.length > 6 ? Integer.parseInt(args[6]) : 64) : 20_000;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(30_000), new PoolOptions().setHttp1MaxSize(pool).setMaxWaitQueueSize(-1));
        RequestOptions opts = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getPath()).putHeader("content-type", "application/json")
                .putHeader("authorization", "Bearer " + key);
        switch (mode) {
            case "rate" -> rate(vertx, client, opts, body, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "ttft" -> ttft(client, opts, body, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "streams" -> streams(client, opts, body, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(mode);
        }
        vertx.close();
    }

    static void rate(Vertx vertx, HttpClient client, RequestOptions opts, Buffer body, int rps, int seconds)
            throws Exception {
        // the first WARM_SECONDS are sent at the same rate but not recorded: the generator's own JIT warm-up and the
        // backlog it builds meanwhile took ~2.5 s and leaked 150 ms stalls into the p99 of every target
        int warmCount = rps * WARM_SECONDS;
        int total = rps * (seconds + WARM_SECONDS);
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rps;
        vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (System.nanoTime() - start) / interval);
            while (sent.get() < due) {
                int i = sent.getAndIncrement();
                long scheduled = start + i * interval; // latency from the scheduled time: no coordinated omission
                client.request(opts).compose(r -> r.send(body)).compose(r -> r.body().map(b -> r.statusCode()))
                        .onComplete(ar -> {
                            latencies[i] = System.nanoTime() - scheduled;
                            if (ar.failed() || ar.result() != 200) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, ar.failed() ? ar.cause().toString()
                                        : "HTTP " + ar.result());
                            }
                            if (done.incrementAndGet() == total) {
                                finished.countDown();
                            }
                        });
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(id);
            }
        });
        finished.await(seconds + WARM_SECONDS + 60L, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long[] measured = Arrays.copyOfRange(latencies, warmCount, done.get());
        Arrays.sort(measured);
        System.out.printf("rate=%d/s requests=%d (after %d s warm-up) achieved=%.0f/s errors=%d p50=%.3fms p90=%.3fms p99=%.3fms "
                        + "p99.9=%.3fms max=%.3fms%n", rps, done.get() - warmCount, WARM_SECONDS,
                done.get() / (elapsed / 1e9), errors.get(),
                pct(measured, 50), pct(measured, 90), pct(measured, 99), pct(measured, 99.9),
                measured[measured.length - 1] / 1e6);
        if (firstError.get() != null) {
            System.out.println("first error: " + firstError.get());
        }
    }

    static void ttft(HttpClient client, RequestOptions opts, Buffer body, int count, int concurrency)
            throws Exception {
        long[] firsts = new long[count];
        long[] ends = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            oneStream(client, opts, body, next, count, firsts, ends, errors, finished);
        }
        finished.await(600, TimeUnit.SECONDS);
        int warm = count / 10;
        long[] f = Arrays.copyOfRange(firsts, warm, count);
        long[] e = Arrays.copyOfRange(ends, warm, count);
        Arrays.sort(f);
        Arrays.sort(e);
        System.out.printf("streams=%d errors=%d ttft p50=%.3fms p90=%.3fms p99=%.3fms | total p50=%.3fms p99=%.3fms%n",
                count - warm, errors.get(), pct(f, 50), pct(f, 90), pct(f, 99), pct(e, 50), pct(e, 99));
    }

    static void oneStream(HttpClient client, RequestOptions opts, Buffer body, AtomicInteger next, int count,
                          long[] firsts, long[] ends, AtomicInteger errors, CountDownLatch finished) {
        int i = next.getAndIncrement();
        if (i >= count) {
            finished.countDown();
            return;
        }
        long start = System.nanoTime();
        client.request(opts).compose(r -> r.send(body)).onComplete(ar -> {
            if (ar.failed()) {
                errors.incrementAndGet();
                oneStream(client, opts, body, next, count, firsts, ends, errors, finished);
                return;
            }
            var resp = ar.result();
            boolean[] first = {true};
            resp.handler(chunk -> {
                if (first[0] && chunk.toString().contains("data:")) {
                    first[0] = false;
                    firsts[i] = System.nanoTime() - start;
                }
            });
            resp.endHandler(v -> {
                ends[i] = System.nanoTime() - start;
                if (resp.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                oneStream(client, opts, body, next, count, firsts, ends, errors, finished);
            });
            resp.exceptionHandler(t -> errors.incrementAndGet());
        });
    }

    static void streams(HttpClient client, RequestOptions opts, Buffer body, int n, int holdSeconds)
            throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong events = new AtomicLong();
        AtomicInteger maxOpen = new AtomicInteger();
        CountDownLatch allDone = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 250 == 0) {
                Thread.sleep(100); // ramp at 2,500 new streams a second: accept backlogs are ~1,000 deep
            }
            client.request(opts).compose(r -> r.send(body)).onComplete(ar -> {
                if (ar.failed() || ar.result().statusCode() != 200) {
                    errors.incrementAndGet();
                    allDone.countDown();
                    if (ar.succeeded()) {
                        ar.result().body();
                    }
                    return;
                }
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                ar.result().handler(b -> events.incrementAndGet());
                ar.result().exceptionHandler(t -> errors.incrementAndGet());
                ar.result().endHandler(v -> {
                    open.decrementAndGet();
                    completed.incrementAndGet();
                    allDone.countDown();
                });
            });
        }
        for (int s = 0; s < holdSeconds && allDone.getCount() > 0; s += 5) {
            Thread.sleep(5000);
            System.out.printf("t=%ds open=%d maxOpen=%d completed=%d errors=%d chunks=%d%n",
                    (System.nanoTime() - start) / 1_000_000_000L, open.get(), maxOpen.get(), completed.get(),
                    errors.get(), events.get());
        }
        allDone.await(holdSeconds + 120L, TimeUnit.SECONDS);
        System.out.printf("streams=%d maxOpen=%d completed=%d errors=%d chunks=%d%n", n, maxOpen.get(),
                completed.get(), errors.get(), events.get());
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
