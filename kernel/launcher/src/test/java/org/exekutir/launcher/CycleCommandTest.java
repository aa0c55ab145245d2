package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CycleCommandTest {

    @Test
    void cycleIsACommandUnlessTheThirdWordIsATransitionFile() {
        assertTrue(CycleCommand.asked(List.of("cycle", "ws")));
        assertTrue(CycleCommand.asked(List.of("cycle", "ws", "jobs/mine")));
        assertFalse(CycleCommand.asked(List.of("cycle", "ws", "file.xn")), "a transition named cycle still runs");
        assertFalse(CycleCommand.asked(List.of("cycle", "ws", "-")));
        assertFalse(CycleCommand.asked(List.of("setup", "ws", "file.xn")));
        assertFalse(CycleCommand.asked(List.of()));
    }

    @Test
    void theProgramsOptionsComeFirst() {
        assertEquals(1, CommandLine.firstWord(List.of("--verbose", "cycle", "ws")));
        assertEquals(0, CommandLine.firstWord(List.of("cycle", "ws", "--verbose")));
    }

    @Test
    void aMissingWorkspaceOrAJobPathThatIsNoFolderIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(Main.USAGE_ERROR, Main.run(new String[] {"cycle"}, new ByteArrayInputStream(new byte[0]),
                stream, stream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cycle needs WORKSPACE"));
        err.reset();
        assertEquals(Main.USAGE_ERROR, Main.run(new String[] {"cycle", "/tmp", "/nonexistent-job-" + System.nanoTime()},
                new ByteArrayInputStream(new byte[0]), stream, stream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("JOB_PATH is not a folder"), err.toString());
    }
}
