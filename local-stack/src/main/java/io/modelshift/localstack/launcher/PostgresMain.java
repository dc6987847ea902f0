package io.modelshift.localstack.launcher;

import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's PostgreSQL as its own process: {@code PostgresMain --port N --health-port M --data DIR --databases a,b}.
 * Starts the zonky embedded PostgreSQL (user {@code postgres}, trust auth, loopback only), creates the databases,
 * answers {@code GET /health} on the health port, and stops PostgreSQL on SIGTERM or when its parent process dies
 * (so a killed launcher leaves no database behind).
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        int healthPort = 0;
        Path data = null;
        List<String> databases = List.of();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--health-port" -> healthPort = Integer.parseInt(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--databases" -> databases = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (port == 0 || healthPort == 0 || data == null) {
            System.err.println("usage: PostgresMain --port N --health-port M --data DIR [--databases a,b]");
            System.exit(2);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        for (String db : databases) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + db.replace("\"", "") + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + db, e);
            }
        }
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), healthPort), 0);
        health.createContext("/health", exchange -> {
            byte[] body = ("{\"status\":\"UP\",\"port\":" + pg.getPort() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        System.out.println("postgres: listening on 127.0.0.1:" + pg.getPort() + ", databases " + databases
                + ", data " + data + ", health on " + healthPort);

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            health.stop(0);
            try {
                pg.close();
                System.out.println("postgres: stopped");
            } catch (IOException e) {
                System.err.println("postgres: stop failed: " + e.getMessage());
            }
            stop.countDown();
        }, "postgres-shutdown"));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.out.println("postgres: parent process gone, stopping");
            System.exit(0);
        }));
        stop.await();
    }
}
