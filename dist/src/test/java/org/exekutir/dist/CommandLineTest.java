package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.parseEnv;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** xn-format.md, "Invocation": {@code exekutir CONTEXT WORKSPACE FILE.xn [OPTIONAL ...]}. */
class CommandLineTest {

    /** Writes the children's environment to a file outside the workspace, so "nothing ran" is visible. */
    private static final String ENV_TO_MARKER = """
            - command:
                filepath: /usr/bin/env
                stdoutfile: %s
            """;

    @TempDir
    Path tmp;
    Path ws;
    Path marker;
    Path xn;

    @BeforeEach
    void setUp() throws IOException {
        ws = Files.createDirectories(tmp.resolve("ws"));
        marker = tmp.resolve("env.txt");
        xn = write(tmp.resolve("job.xn"), ENV_TO_MARKER.formatted(marker));
    }

    private Map<String, String> childEnv() {
        assertTrue(Files.exists(marker), "the command did not run");
        return parseEnv(read(marker));
    }

    private void assertUsageError(Exekutir.Result result) {
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().startsWith("exekutir: "), result::toString);
        assertTrue(result.stderr().contains("Usage"), "usage text expected on stderr\n" + result);
        assertFalse(Files.exists(marker), "nothing may run on a usage error\n" + result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "bad!", "a/b", ""})
    void contextThatIsNotOneWordIsAUsageError(String context) {
        assertUsageError(new Exekutir().run(context, ws.toString(), xn.toString()));
    }

    @Test
    void contextOfLettersDigitsDashAndUnderscoreIsAccepted() {
        Exekutir.Result result = new Exekutir().run("Run-2_b", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertEquals("Run-2_b", childEnv().get("ADEPT_CONTEXT"));
    }

    @Test
    void missingWorkspaceIsAUsageError() {
        assertUsageError(new Exekutir().run("setup", tmp.resolve("no-such-dir").toString(), xn.toString()));
    }

    @Test
    void workspaceThatIsAFileIsAUsageError() {
        Path file = write(tmp.resolve("plain-file"), "x");
        assertUsageError(new Exekutir().run("setup", file.toString(), xn.toString()));
    }

    @Test
    void fileNotEndingInXnIsAUsageError() {
        Path yml = write(tmp.resolve("job.yml"), ENV_TO_MARKER.formatted(marker));
        assertUsageError(new Exekutir().run("setup", ws.toString(), yml.toString()));
    }

    @Test
    void missingFileIsAUsageError() {
        assertUsageError(new Exekutir().run("setup", ws.toString(), tmp.resolve("missing.xn").toString()));
    }

    @Test
    void tooFewArgumentsIsAUsageError() {
        assertUsageError(new Exekutir().run("setup", ws.toString()));
        assertUsageError(new Exekutir().run());
    }

    @Test
    void unknownProgramOptionBeforeContextIsAUsageError() {
        assertUsageError(new Exekutir().run("--no-such-option", "setup", ws.toString(), xn.toString()));
    }

    @Test
    void dashReadsTheTransitionFileFromStandardInput() {
        Exekutir.Result result = new Exekutir().stdin(ENV_TO_MARKER.formatted(marker)).run("setup", ws.toString(), "-");
        assertEquals(0, result.exit(), result::toString);
        assertEquals("setup", childEnv().get("ADEPT_CONTEXT"));
    }

    @Test
    void optionalJoinsNonBlankArgumentsAndPassesOptionLikeWordsUntouched() {
        Exekutir.Result result = new Exekutir().run("setup", ws.toString(), xn.toString(),
                "", "--verbose", "   ", "-e", "x=1", "--help", "--version", "a  b");
        assertEquals(0, result.exit(), result::toString);
        assertFalse(result.stdout().contains("Usage"),
                "--help after FILE.xn is OPTIONAL, not the program's\n" + result);
        assertEquals("--verbose -e x=1 --help --version a  b", childEnv().get("ADEPT_OPTIONAL"));
    }

    @Test
    void optionalWithALoneQuoteStillRunsCommands() {
        // OPTIONAL has no violation in the spec ("—"): a word such as don't must not stop a transition of commands
        Exekutir.Result result = new Exekutir().run("setup", ws.toString(), xn.toString(), "don't");
        assertEquals(0, result.exit(), result::toString);
        assertEquals("don't", childEnv().get("ADEPT_OPTIONAL"));
    }

    @Test
    void programOptionsComeBeforeContext() {
        Exekutir.Result result = new Exekutir().run("--verbose", "setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        Map<String, String> env = childEnv();
        assertEquals("setup", env.get("ADEPT_CONTEXT"));
        assertFalse(env.containsKey("ADEPT_OPTIONAL"), "--verbose before CONTEXT is not OPTIONAL: " + env);
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Exekutir.Result result = new Exekutir().run("--help");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.stdout().contains("CONTEXT WORKSPACE FILE.xn"), result::toString);
        assertTrue(result.stdout().contains("OPTIONAL"), result::toString);
    }

    @Test
    void relativeWorkspaceAndFileAreResolvedAgainstTheCurrentDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("sub"));
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", "./sub/../ws/", "job.xn");
        assertEquals(0, result.exit(), result::toString);
        assertEquals(ws.toRealPath().toString(), childEnv().get("WORKSPACE"),
                "WORKSPACE must be absolute and normalised");
    }
}
