package org.exekutir.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {

    @TempDir
    Path folder;

    @Test
    void outputAndExitCodeOfTheChildAreReturned() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ChildProcesses.run(new ProcessBuilder("sh", "-c", "echo one; echo two >&2; exit 3"),
                ProcessOutput.mergedInto(out));
        assertEquals(3, code);
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }

    /** Ansible's ssh ControlPersist master is such a descendant: it keeps the pipe for a minute. */
    @Test
    void aDescendantThatKeepsTheOutputOpenDoesNotKeepTheCallerWaiting() throws Exception {
        Path pidFile = folder.resolve("pid");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ChildProcesses.run(new ProcessBuilder("sh", "-c",
                "echo before; sleep 60 & echo $! > '" + pidFile + "'; echo after"), ProcessOutput.mergedInto(out));
        Optional<ProcessHandle> lingering = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        try {
            assertEquals(0, code);
            assertEquals("before\nafter\n", out.toString(StandardCharsets.UTF_8));
            assertTrue(lingering.map(ProcessHandle::isAlive).orElse(false),
                    "the descendant still holds the pipe, yet run() returned");
        } finally {
            lingering.ifPresent(ProcessHandle::destroy);
        }
    }
}
