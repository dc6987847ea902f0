package io.modelshift.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free loopback ports. The kernel picks the port (bind to 0); ports already handed out in this run are never
 * handed out twice, since a part may not have bound its port yet when the next one is asked for.
 */
public final class FreePorts {

    private final Set<Integer> given = new HashSet<>();

    public synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = probe();
            if (given.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found after 50 attempts");
    }

    /** True when nothing listens on the port (used to check that a stopped run left no port taken). */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(false);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int probe() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
