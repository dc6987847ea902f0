package io.modelshift.evaluation.sandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile programs are stopped and scored as failed; needs bubblewrap (CI installs it). */
class PythonSandboxTest {

    @TempDir
    static Path work;
    /** Generous time limits: a busy build machine must not turn a correct program's slow start into a time-out. */
    static PythonSandbox sandbox;
    /** Short time limits, for the tests of those limits. */
    static PythonSandbox strict;

    @BeforeAll
    static void start() {
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "modelshift-sandbox-test");
        sandbox = new PythonSandbox(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), scratch,
                new SandboxLimits(Duration.ofSeconds(30), 20, 256L << 20, 16, 1 << 20));
        strict = new PythonSandbox(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), scratch,
                new SandboxLimits(Duration.ofSeconds(2), 2, 256L << 20, 16, 1 << 20));
        Assumptions.assumeTrue(sandbox.available(), () -> "no sandbox here: " + sandbox.unavailableReason());
    }

    @Test
    void aCorrectProgramPasses() {
        Execution e = sandbox.run("def add(a, b):\n    return a + b\nassert add(2, 3) == 5\nprint('ok')\n");
        assertEquals(Execution.Outcome.PASSED, e.outcome(), e.output());
        assertTrue(e.output().contains("ok"));
    }

    @Test
    void aFailingAssertionFails() {
        Execution e = sandbox.run("assert 1 == 2\n");
        assertEquals(Execution.Outcome.FAILED, e.outcome());
        assertTrue(e.output().contains("AssertionError"), e.output());
    }

    @Test
    void theNetworkIsUnreachable() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            Execution e = sandbox.run("import socket\nsocket.create_connection(('127.0.0.1', " + server.getLocalPort()
                    + "), timeout=1).sendall(b'leak')\n");
            assertEquals(Execution.Outcome.FAILED, e.outcome(), e.output());
            assertThrows(SocketTimeoutException.class, server::accept, "the host never saw a connection");
        }
        Execution dns = sandbox.run("import urllib.request\nurllib.request.urlopen('http://example.com', timeout=1)\n");
        assertEquals(Execution.Outcome.FAILED, dns.outcome());
    }

    @Test
    void writesOutsideTheScratchFolderFail() throws IOException {
        Path outside = work.resolve("escape.txt");
        Execution e = sandbox.run("open('" + outside + "', 'w').write('x')\n");
        assertEquals(Execution.Outcome.FAILED, e.outcome(), e.output());
        assertFalse(Files.exists(outside));
        Execution root = sandbox.run("open('/usr/evil', 'w').write('x')\n");
        assertEquals(Execution.Outcome.FAILED, root.outcome());
        assertTrue(root.output().contains("Read-only") || root.output().contains("denied"), root.output());
        assertFalse(Files.exists(Path.of("/usr/evil")));
        Execution scratch = sandbox.run("open('mine.txt', 'w').write('x')\nprint(open('mine.txt').read())\n");
        assertEquals(Execution.Outcome.PASSED, scratch.outcome(), scratch.output());
    }

    @Test
    void anInfiniteLoopIsKilled() {
        Execution e = strict.run("while True:\n    pass\n");
        assertTrue(e.outcome() != Execution.Outcome.PASSED);
        assertTrue(e.millis() < 5000, "killed by the wall-time limit, took " + e.millis() + " ms");
        Execution sleeper = strict.run("import time\ntime.sleep(60)\n");
        assertEquals(Execution.Outcome.TIMED_OUT, sleeper.outcome());
    }

    @Test
    void aMemoryBombFails() {
        Execution e = sandbox.run("x = bytearray(2 * 1024 * 1024 * 1024)\n");
        assertEquals(Execution.Outcome.FAILED, e.outcome(), e.output());
        assertTrue(e.output().contains("MemoryError"), e.output());
    }

    /**
     * Bounded on purpose (at most 100 forks, each child sleeping 1 s): an unbounded fork bomb in a test can swamp a
     * shared machine wherever the process limit is not enforced.
     */
    @Test
    void forkingIsCappedByTheProcessLimit() {
        Execution forks = sandbox.run("import os, time\nn = 0\ntry:\n    for i in range(100):\n"
                + "        if os.fork() == 0:\n            time.sleep(1)\n            os._exit(0)\n        n += 1\n"
                + "finally:\n    print('forked', n)\n");
        assertFalse(forks.passed(), forks.output());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("forked (\\d+)").matcher(forks.output());
        assertTrue(m.find(), forks.output());
        assertTrue(Integer.parseInt(m.group(1)) < 16, "the process limit (16) stops forking: " + forks.output());
    }

    @Test
    void refusesWithAClearMessageWithoutBubblewrap() {
        PythonSandbox none = new PythonSandbox(Path.of("/nonexistent/bwrap"), Path.of("/usr/bin/python3"),
                work.resolve("none"), SandboxLimits.defaults());
        assertFalse(none.available());
        SandboxUnavailableException e = assertThrows(SandboxUnavailableException.class, () -> none.run("print(1)"));
        assertTrue(e.getMessage().contains("bubblewrap"), e.getMessage());
    }
}
