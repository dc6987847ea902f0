package io.modelshift.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void parsesTheStandaloneFlags() {
        SimulatorConfig c = Main.parse(new String[]{"--profile", "llama-2-70b", "--port", "8123", "--model", "m",
                "--host", "127.0.0.1", "--datasets", "/data", "--zero-latency", "--pod-name", "p1",
                "--max-num-seqs", "9", "--max-waiting", "3"});
        assertEquals("llama-2-70b", c.profile());
        assertEquals(8123, c.port());
        assertEquals("m", c.model());
        assertEquals("127.0.0.1", c.host());
        assertEquals(Path.of("/data"), c.answerKeys());
        assertEquals(0.0, c.ttftMs());
        assertEquals(0.0, c.itlMs());
        assertEquals("p1", c.podName());
        assertEquals(9, c.maxNumSeqs());
        assertEquals(3, c.maxWaiting());
        assertEquals(0.575, c.accuracy().get("gsm8k"), 1e-9);
    }

    @Test
    void defaultsToLlama3OnAllInterfacesPort8000() {
        SimulatorConfig c = Main.parse(new String[0]);
        assertEquals("llama-3-70b", c.profile());
        assertEquals("0.0.0.0", c.host());
        assertEquals(8000, c.port());
        assertEquals(200.0, c.ttftMs());
    }

    @Test
    void rejectsBadFlagsClearly() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[]{"--bogus"}))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[]{"--port", "x"}))
                .getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[]{"--profile", "gpt"}))
                .getMessage().contains("llama-3-70b"));
    }
}
