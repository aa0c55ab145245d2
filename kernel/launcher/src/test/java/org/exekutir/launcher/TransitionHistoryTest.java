package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransitionHistoryTest {

    @TempDir
    Path tmp;

    @Test
    void recordsAndLogsAreTheOwnersAloneAndOutliveTheDaemon() throws Exception {
        Path folder = tmp.resolve("transitions");
        TransitionHistory history = TransitionHistory.open(folder, 10, 30);
        TransitionHistory.Record done = history.begin("root", "setup", "/ws", "/ws/a.xn");
        try (OutputStream log = history.appendLog(done)) {
            log.write("shown to the caller\n".getBytes(StandardCharsets.UTF_8));
        }
        history.end(done, 3);
        TransitionHistory.Record running = history.begin("alice", "run", "/ws2", "/ws2/b.xn");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        for (Path file : List.of(folder.resolve("1.record"), folder.resolve("1.log"), folder.resolve("2.record"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }

        TransitionHistory after = TransitionHistory.open(folder, 10, 30);
        assertEquals("finished", after.get(1).state());
        assertEquals(3, after.get(1).exit());
        assertEquals("root", after.get(1).user());
        assertEquals("interrupted", after.get(running.id()).state(), "running when its daemon died");
        assertEquals("shown to the caller\n", Files.readString(after.log(1)));
        assertEquals(3, after.begin("root", "cleanup", "/ws", "/ws/a.xn").id(), "ids go on");
    }

    @Test
    void theOldestFinishedGoBeyondTheCountButNeverARunningOne() throws Exception {
        TransitionHistory history = TransitionHistory.open(tmp, 2, 30);
        TransitionHistory.Record first = history.begin("root", "setup", "/w", "/w/x.xn");
        for (int i = 0; i < 3; i++) {
            history.end(history.begin("root", "run", "/w", "/w/x.xn"), 0);
        }
        assertEquals(List.of(1L, 4L), history.all().stream().map(TransitionHistory.Record::id).toList());
        assertTrue(history.get(first.id()).running());
        assertFalse(Files.exists(tmp.resolve("2.log")));
        assertFalse(Files.exists(tmp.resolve("3.record")));
    }
}
