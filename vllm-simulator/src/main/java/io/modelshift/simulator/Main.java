package io.modelshift.simulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone simulator: {@code java -jar vllm-simulator-<version>-runner.jar --profile llama-3-70b --port 8000
 * [--model NAME] [--host 0.0.0.0] [--datasets DIR] [--zero-latency] [--pod-name NAME] [--max-num-seqs N]
 * [--max-waiting N]}. The pod name defaults to {@code $POD_NAME}, else the host name.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vllm-simulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        SimulatedVllm pod = SimulatedVllm.start(config);
        System.out.println("vllm-simulator: profile " + config.profile() + ", model " + config.model() + ", pod "
                + config.podName() + ", answer keys " + pod.responder().keys().counts() + ", listening on "
                + config.host() + ":" + pod.port());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pod.close();
            stop.countDown();
        }, "vllm-simulator-shutdown"));
        stop.await();
    }

    static SimulatorConfig parse(String[] args) {
        String profile = "llama-3-70b";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--profile")) {
                profile = value(args, i);
            }
        }
        String envPod = System.getenv("POD_NAME");
        SimulatorConfig c = SimulatorConfig.profile(profile).withHost("0.0.0.0").withPort(8000)
                .withPodName(envPod != null && !envPod.isBlank() ? envPod : hostName());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profile" -> i++;
                case "--port" -> c = c.withPort(integer(value(args, i++), "--port"));
                case "--host" -> c = c.withHost(value(args, i++));
                case "--model" -> c = c.withModel(value(args, i++));
                case "--pod-name" -> c = c.withPodName(value(args, i++));
                case "--datasets" -> c = c.withAnswerKeys(Path.of(value(args, i++)));
                case "--max-num-seqs" -> c = c.withMaxNumSeqs(integer(value(args, i++), "--max-num-seqs"));
                case "--max-waiting" -> c = c.withMaxWaiting(integer(value(args, i++), "--max-waiting"));
                case "--zero-latency" -> c = c.withZeroLatency();
                case "--help", "-h" -> throw new IllegalArgumentException("help requested");
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return c;
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int integer(String v, String flag) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, got '" + v + "'");
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "vllm-simulator";
        }
    }

    static String usage() {
        return "usage: java -jar vllm-simulator-runner.jar [--profile " + String.join("|", Profiles.names())
                + "] [--port 8000] [--host 0.0.0.0] [--model NAME] [--pod-name NAME] [--datasets DIR]"
                + " [--zero-latency] [--max-num-seqs N] [--max-waiting N]";
    }
}
