package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exekutir.launcher.CommandLine.Action;
import org.exekutir.launcher.CommandLine.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path cwd;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(cwd.resolve("ws/sub"));
        Files.writeString(cwd.resolve("job.xn"), "[]");
        Files.writeString(cwd.resolve("job.yml"), "[]");
    }

    private CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(List.of(args), cwd);
    }

    private String usageError(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void readsTheThreeArgumentsAndJoinsTheOptionalOnes() throws Exception {
        CommandLine line = parse("setup", "ws/sub/..", "job.xn", " ", "--verbose", "-e", "x=1", "");
        assertEquals(Action.RUN, line.action());
        assertEquals("setup", line.context());
        assertEquals(cwd.resolve("ws").toRealPath(), line.workspace());
        assertEquals(cwd.resolve("job.xn").toRealPath().toString(), line.file());
        assertEquals("--verbose -e x=1", line.optional());
        assertTrue(!line.verbose(), "options after FILE belong to OPTIONAL");
    }

    @Test
    void programOptionsComeBeforeTheContext() throws Exception {
        assertTrue(parse("--verbose", "run", "ws", "-").verbose());
        assertEquals("-", parse("run", "ws", "-").file());
        assertEquals(Action.HELP, parse("--help").action());
        assertEquals(Action.VERSION, parse("--version").action());
        assertEquals("Unknown option: --frobnicate", usageError("--frobnicate", "run", "ws", "job.xn"));
    }

    @Test
    void theContextIsOneWord() {
        assertEquals("CONTEXT must be one word of letters, digits, '-' and '_': 'set up'",
                usageError("set up", "ws", "job.xn"));
        assertTrue(usageError("a/b", "ws", "job.xn").startsWith("CONTEXT must be one word"));
    }

    @Test
    void theWorkspaceMustBeAnExistingDirectory() {
        assertEquals("WORKSPACE is not an existing directory: nope", usageError("run", "nope", "job.xn"));
        assertEquals("WORKSPACE is not an existing directory: job.xn", usageError("run", "job.xn", "job.xn"));
    }

    @Test
    void theFileIsAnExistingXnFileOrStandardInput() {
        assertEquals("FILE must be a transition file ending in .xn, or '-': job.yml",
                usageError("run", "ws", "job.yml"));
        assertEquals("FILE does not exist or is not a file: other.xn", usageError("run", "ws", "other.xn"));
    }

    @Test
    void threeArgumentsAreNeeded() {
        assertEquals("Not enough arguments: CONTEXT, WORKSPACE and FILE.xn are required", usageError("run", "ws"));
    }
}
