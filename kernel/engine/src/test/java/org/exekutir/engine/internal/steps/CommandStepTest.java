package org.exekutir.engine.internal.steps;

import static org.exekutir.engine.internal.steps.StepFixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.exekutir.api.step.StepException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandStepTest {

    @TempDir
    Path workspace;

    private final CommandStep step = new CommandStep();
    private StepFixture fixture;

    @BeforeEach
    void transition() {
        fixture = new StepFixture(workspace, Map.of("PATH", "/usr/bin:/bin", "OS_PASSWORD", "pw"));
    }

    private int sh(String script, Object... more) throws Exception {
        Object[] keys = new Object[4 + more.length];
        keys[0] = "filepath";
        keys[1] = "/bin/sh";
        keys[2] = "arguments";
        keys[3] = "-c '" + script + "'";
        System.arraycopy(more, 0, keys, 4, more.length);
        return step.run(options(keys), fixture.transition);
    }

    @Test
    void returnsTheExitCodeAndStreamsStdoutAndStderrApart() throws Exception {
        assertEquals(3, sh("echo out; echo err >&2; exit 3"));
        assertEquals("out\n", fixture.out());
        assertTrue(fixture.err().endsWith("err\n"), fixture.err());
    }

    @Test
    void runsInTheWorkspaceWithTheChildEnvironmentAndGlobals() throws Exception {
        fixture.transition.setGlobal("MINE", "global");
        assertEquals(0, sh("pwd; echo \"$MINE ${OS_PASSWORD:-no password} $ADEPT_CONTEXT\""));
        assertEquals(workspace.toRealPath() + "\nglobal no password setup\n", fixture.out());
    }

    @Test
    void anExitFileTakesTheCodeAndTheEntrySucceeds() throws Exception {
        assertEquals(0, sh("exit 5", "exitfile", "$WORKSPACE/code.exit"));
        assertEquals("5", Files.readString(workspace.resolve("code.exit")));
    }

    @Test
    void stdoutAndStderrFilesAreTruncatedFirst() throws Exception {
        Files.writeString(workspace.resolve("out.txt"), "old content that is longer");
        assertEquals(0, sh("echo new; echo bad >&2", "stdoutfile", "${WORKSPACE}/out.txt",
                "stderrfile", "$WORKSPACE/err.txt"));
        assertEquals("new\n", Files.readString(workspace.resolve("out.txt")));
        assertEquals("bad\n", Files.readString(workspace.resolve("err.txt")));
        assertEquals("", fixture.out());
    }

    @Test
    void withOnlyAStdoutFileStderrStillGoesToTheCallersStderr() throws Exception {
        assertEquals(0, sh("echo one; echo two >&2", "stdoutfile", "$WORKSPACE/out.txt"));
        assertEquals("one\n", Files.readString(workspace.resolve("out.txt")));
        assertTrue(fixture.err().endsWith("two\n"), fixture.err());
    }

    @Test
    void aMissingProgramIsAClearError() {
        StepException e = assertThrows(StepException.class,
                () -> step.run(options("filepath", "$WORKSPACE/nope"), fixture.transition));
        assertEquals("the program " + workspace.resolve("nope") + " does not exist", e.getMessage());
    }

    @Test
    void theHeaderShowsTheSubstitutedCommandLineQuoted() throws Exception {
        Map<String, String> header = step.describe(options("filepath", "/bin/sh", "arguments",
                "-c 'ls $WORKSPACE'", "exitfile", "x.exit"), fixture.transition);
        assertEquals(Path.of("/bin/sh").toRealPath() + " -c 'ls " + workspace + "'", header.get("cmd"),
                "the program by its real path, as it runs");
        assertTrue(header.get("exitfile").endsWith("/x.exit"));
    }
}
