package io.modelshift.localstack.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisorTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final FreePorts ports = new FreePorts();

    static Path repo() {
        return Path.of(System.getProperty("modelshift.repo", ".."));
    }

    @Test
    void startsPostgresAndSimulatorsWaitsForReadinessAndLeavesNothingBehind(@TempDir Path run) throws Exception {
        int pgPort = ports.next();
        PartSpec postgres = new PartSpec("postgres", JavaCommand.mainClass(PostgresMain.class, List.of("-Xmx64m"),
                List.of("--port", String.valueOf(pgPort), "--health-port", String.valueOf(ports.next()),
                        "--data", run.resolve("pgdata").toString(), "--databases", "modelshift_eval,modelshift_cost")),
                Map.of(), 0, "/health", Duration.ofSeconds(60));
        // the health check runs on the health port, which is the part's port
        postgres = new PartSpec(postgres.name(), postgres.command(), Map.of(),
                Integer.parseInt(postgres.command().get(postgres.command().indexOf("--health-port") + 1)),
                "/health", Duration.ofSeconds(60));
        Path jar = new Artifacts(repo()).simulatorJar();
        List<PartSpec> specs = new ArrayList<>(List.of(postgres));
        for (String profile : List.of("llama-2-70b", "llama-3-70b")) {
            int port = ports.next();
            specs.add(new PartSpec("sim-" + profile, JavaCommand.jar(jar, List.of("-Xmx96m"),
                    List.of("--profile", profile, "--port", String.valueOf(port), "--host", "127.0.0.1")),
                    Map.of(), port, "/health", Duration.ofSeconds(60)));
        }

        List<RunningPart> parts;
        List<ProcessHandle> handles = new ArrayList<>();
        try (Supervisor supervisor = new Supervisor(run, console)) {
            supervisor.afterStop(new PostmasterReaper(run.resolve("pgdata")));
            parts = supervisor.startAll(specs);
            parts.forEach(p -> handles.add(p.process().toHandle()));
            supervisor.checkAlive();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort
                    + "/modelshift_cost", "postgres", "postgres");
                 ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
                assertTrue(rs.next());
                assertEquals("modelshift_cost", rs.getString(1));
            }
            assertTrue(Files.readString(run.resolve("logs/sim-llama-3-70b.log")).contains("listening on"),
                    "the simulator's own output goes to its log");
        }
        for (ProcessHandle h : handles) {
            assertFalse(h.isAlive(), "process " + h.pid() + " still alive");
        }
        assertFalse(new PostmasterReaper(run.resolve("pgdata")).postmasterAlive(), "postmaster still alive");
        assertTrue(FreePorts.isFree(pgPort), "PostgreSQL port still taken");
        for (PartSpec s : specs) {
            assertTrue(FreePorts.isFree(s.port()), s.name() + " port still taken");
        }
        String console = out.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("sim-llama-2-70b") && console.contains("ready on"), console);
    }

    @Test
    void aPartThatExitsFailsTheStartWithItsLogAndStopsTheOthers(@TempDir Path run) throws Exception {
        Path www = Files.createDirectories(run.resolve("www"));
        Files.writeString(www.resolve("health"), "ok");
        int goodPort = ports.next();
        // a shell with a child: the whole tree must go
        PartSpec good = new PartSpec("good", List.of("bash", "-c", "sleep 600 & exec python3 -m http.server "
                + goodPort + " --bind 127.0.0.1 --directory " + www), Map.of(), goodPort, "/health",
                Duration.ofSeconds(30));
        PartSpec bad = new PartSpec("bad", List.of("bash", "-c", "echo 'boom: config key missing'; exit 3"),
                Map.of(), ports.next(), "/health", Duration.ofSeconds(30));
        List<ProcessHandle> tree = new ArrayList<>();
        Supervisor supervisor = new Supervisor(run, console);
        try {
            RunningPart g = supervisor.start(good);
            supervisor.awaitReady(g);
            tree.add(g.process().toHandle());
            tree.addAll(g.process().descendants().toList());
            PartFailedException e = assertThrows(PartFailedException.class, () -> supervisor.startAll(List.of(bad)));
            assertTrue(e.getMessage().contains("bad exited with code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("boom: config key missing"), e.getMessage());
        } finally {
            supervisor.close();
        }
        assertTrue(tree.size() >= 2, "the good part has a child: " + tree);
        for (ProcessHandle h : tree) {
            assertFalse(h.isAlive(), "process " + h.pid() + " " + h.info().commandLine().orElse("") + " alive");
        }
        assertTrue(FreePorts.isFree(goodPort));
        assertThrows(IllegalStateException.class, () -> supervisor.start(good), "a stopped supervisor starts nothing");
    }
}
