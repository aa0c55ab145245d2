package org.exekutir.sync.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stop script, run by /bin/sh on this host against processes this test starts: a marked
 * shell whose child drops the mark from its environment (as a nested exekutir's children
 * have a filtered one) and ignores SIGTERM.
 */
class MarkedProcessesTest {

    @TempDir
    Path scratch;

    private final String mark = "TEST_MARK=" + UUID.randomUUID();
    private Process marked;

    @AfterEach
    void killLeftovers() {
        if (marked != null) {
            marked.descendants().forEach(ProcessHandle::destroyForcibly);
            marked.destroyForcibly();
        }
    }

    /** A marked shell that starts an unmarked, TERM-ignoring child and writes the child's pid. */
    private ProcessHandle startTree(boolean childIgnoresTerm) throws Exception {
        Path pidFile = scratch.resolve("child.pid");
        Files.deleteIfExists(pidFile);
        String trap = childIgnoresTerm ? "trap '' TERM; " : "";
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
                "env -i /bin/sh -c \"" + trap + "echo \\$\\$ > '" + pidFile + "'; while :; do sleep 0.1; done\" & wait");
        builder.environment().put(mark.substring(0, mark.indexOf('=')), mark.substring(mark.indexOf('=') + 1));
        marked = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the tree did not start");
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static String stop(String script) throws Exception {
        Process stopper = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String said = new String(stopper.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(stopper.waitFor(30, TimeUnit.SECONDS), said);
        assertEquals(0, stopper.exitValue(), said);
        return said.strip();
    }

    @Test
    void anUnmarkedDescendantIgnoringTermIsKilledAtOnceWithoutGrace() throws Exception {
        ProcessHandle child = startTree(true);
        String found = stop(MarkedProcesses.stopScript(mark, 0));
        assertTrue(waitGone(child, 2), "the unmarked child outlived the kill");
        assertTrue(marked.waitFor(2, TimeUnit.SECONDS), "the marked shell outlived the kill");
        assertTrue(Integer.parseInt(found) >= 2, "the marked shell and its child (and its sleep): " + found);
    }

    @Test
    void aTreeThatHonoursTermEndsWithinTheGraceAndOneThatDoesNotIsKilledAfterIt() throws Exception {
        ProcessHandle polite = startTree(false);
        long start = System.nanoTime();
        stop(MarkedProcesses.stopScript(mark, 20_000));
        assertTrue(waitGone(polite, 2), "TERM ended it");
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15,
                "the script waited only while something was left");

        ProcessHandle stubborn = startTree(true);
        stop(MarkedProcesses.stopScript(mark, 600));
        assertTrue(waitGone(stubborn, 2), "KILL after the grace ended it");
    }

    @Test
    void nothingMarkedIsNothingFound() throws Exception {
        assertEquals("0", stop(MarkedProcesses.stopScript("TEST_MARK=" + UUID.randomUUID(), 0)));
        assertThrows(IllegalArgumentException.class, () -> MarkedProcesses.stopScript("X='; rm -rf /", 0));
    }

    private static boolean waitGone(ProcessHandle process, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !process.isAlive();
    }
}
