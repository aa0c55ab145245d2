package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    @Test
    void cycleIsACommandUnlessTheThirdWordIsATransitionFile() throws Exception {
        assertEquals(Action.CYCLE, parse("cycle", "ws").action());
        CommandLine cycle = parse("--verbose", "cycle", "new-ws", "ws");
        assertEquals(Action.CYCLE, cycle.action());
        assertTrue(cycle.verbose());
        assertEquals(cwd.resolve("new-ws"), cycle.workspace(), "a cycle's workspace need not exist yet");
        assertEquals(cwd.resolve("ws"), cycle.jobPath());
        assertEquals(Action.RUN, parse("cycle", "ws", "job.xn").action(), "a transition named cycle still runs");
        assertEquals(Action.RUN, parse("cycle", "ws", "-").action());
        assertEquals("cycle needs WORKSPACE and at most a JOB_PATH", usageError("cycle"));
        assertEquals("JOB_PATH is not a folder: nope", usageError("cycle", "ws", "nope"));
    }

    @Test
    void whereItRunsComesFromTheOptionsElseFromTheVariable() throws Exception {
        assertEquals(CommandLine.DaemonUse.AUTO, parse("run", "ws", "job.xn").daemon());
        assertEquals(CommandLine.DaemonUse.REQUIRED, parse("--daemon", "run", "ws", "job.xn").daemon());
        assertEquals(CommandLine.DaemonUse.NEVER, parse("--no-daemon", "cycle", "ws").daemon());
        assertEquals(CommandLine.DaemonUse.NEVER,
                CommandLine.parse(List.of("run", "ws", "job.xn"), cwd, daemonVariable("never")).daemon());
        assertEquals(CommandLine.DaemonUse.REQUIRED,
                CommandLine.parse(List.of("--daemon", "run", "ws", "job.xn"), cwd, daemonVariable("never")).daemon(),
                "the option wins over the variable");
        assertThrows(UsageException.class,
                () -> CommandLine.parse(List.of("run", "ws", "job.xn"), cwd, daemonVariable("sometimes")));
    }

    private static Map<String, String> daemonVariable(String value) {
        return Map.of(CommandLine.DAEMON_VARIABLE, value);
    }

    @Test
    void adeptPathComesFromTheOptionElseFromTheVariableElseItIsTheHome() throws Exception {
        Path home = Path.of("/opt/exekutir");
        Path checkout = Files.createDirectories(cwd.resolve("ADEPT")).toRealPath();
        Files.createDirectories(cwd.resolve("other"));
        assertEquals(home, parse("run", "ws", "job.xn").adeptPath(home));
        assertEquals(checkout, parse("--adept-path", "ADEPT", "run", "ws", "job.xn").adeptPath(home));
        assertEquals(checkout, parse("--adept-path=ADEPT/.", "cycle", "ws").adeptPath(home));
        Map<String, String> environment = Map.of(CommandLine.ADEPT_PATH_VARIABLE, checkout.toString());
        assertEquals(checkout, CommandLine.parse(List.of("run", "ws", "job.xn"), cwd, environment).adeptPath(home));
        assertEquals(cwd.resolve("other").toRealPath(), CommandLine.parse(
                List.of("--adept-path", "other", "run", "ws", "job.xn"), cwd, environment).adeptPath(home),
                "the option wins over the variable");
        assertEquals("ADEPT_PATH (--adept-path or EXEKUTIR_ADEPT_PATH) is not an existing folder: nowhere",
                usageError("--adept-path", "nowhere", "run", "ws", "job.xn"));
        assertEquals("--adept-path needs a folder", usageError("--adept-path"));
        assertEquals("--adept-path /x/y", parse("run", "ws", "job.xn", "--adept-path", "/x/y").optional(),
                "after FILE it is an OPTIONAL word");
        assertEquals(Action.STATUS, CommandLine.parse(List.of("status"), cwd,
                Map.of(CommandLine.ADEPT_PATH_VARIABLE, "/nowhere")).action(), "only runs read the variable");
    }

    @Test
    void adeptLauncherNamesAnExistingCheckout() throws Exception {
        Path checkout = Files.createDirectories(cwd.resolve("ADEPT")).toRealPath();
        CommandLine line = parse("adept-launcher", "ADEPT");
        assertEquals(Action.ADEPT_LAUNCHER, line.action());
        assertEquals(checkout, line.adeptPath());
        assertEquals("adept-launcher needs one CHECKOUT folder", usageError("adept-launcher"));
        assertTrue(usageError("adept-launcher", "missing").endsWith("not an existing folder: missing"));
    }

    @Test
    void theRuntimesOwnCommandsTakeNoArguments() throws Exception {
        assertEquals(Action.DAEMON, parse("--verbose", "daemon").action());
        assertEquals(Action.STATUS, parse("status").action());
        assertEquals(Action.CONSOLE, parse("console").action());
        assertEquals(List.of("install", "x.jar"), parse("bundle", "install", "x.jar").words());
        assertEquals("daemon takes no arguments: now", usageError("daemon", "now"));
    }
}
