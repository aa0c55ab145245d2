package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** xn-format.md, "{@code command}". */
class CommandActionTest extends WorkspaceTest {

    private Path xn(String text) {
        return write(tmp.resolve("command.xn"), text);
    }

    private Exekutir.Result run(String text) {
        return new Exekutir().in(tmp).run("setup", ws.toString(), xn(text).toString());
    }

    @Test
    void missingProgramFailsWithAClearMessageAndStopsTheTransition() {
        Exekutir.Result result = run("""
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch before'
                - command:
                    filepath: /no/such/program
                    arguments: x
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after'
                """);
        assertNotEquals(0, result.exit(), result::toString);
        String message = result.stderr().lines().filter(l -> l.contains("/no/such/program") && l.contains("entry #2"))
                .findFirst().orElse("");
        assertTrue(message.contains("command.xn") && message.contains("setup"),
                "a message naming the program, the file, entry #2 and the context\n" + result);
        assertTrue(Files.exists(ws.resolve("before")), result::toString);
        assertFalse(Files.exists(ws.resolve("after")), result::toString);
    }

    @Test
    void programRunsDirectlyWithoutAShell() {
        Exekutir.Result result = run("""
                - command:
                    filepath: /bin/echo
                    arguments: hello; touch injected | cat > piped
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("hello; touch injected | cat > piped\n", result.stdout());
        assertFalse(Files.exists(ws.resolve("injected")), "no shell may interpret the arguments");
        assertFalse(Files.exists(ws.resolve("piped")), "no shell may interpret the arguments");
    }

    @Test
    void argumentsAreSplitLikeAPosixShell() {
        Exekutir.Result result = run("""
                - command:
                    filepath: /usr/bin/printf
                    arguments: |
                        '[%s]\\n' "two  words" 'single $x "dq" \\n' back\\ slash "dq \\"inner\\" \\$ \\a" a#b \\
                          next-line # a comment with 'an unbalanced quote
                        last''joined""
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals(String.join("\n",
                "[two  words]",
                "[single $x \"dq\" \\n]",
                "[back slash]",
                "[dq \"inner\" $ \\a]",
                "[a#b]",
                "[next-line]",
                "[lastjoined]", ""), result.stdout());
    }

    @Test
    void stdoutfileReceivesStandardOutputAndIsTruncatedFirst() {
        write(ws.resolve("out.txt"), "old content that is much longer than the new one\n".repeat(10));
        Exekutir.Result result = run("""
                - command:
                    filepath: /bin/echo
                    arguments: fresh
                    stdoutfile: $WORKSPACE/out.txt
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("fresh\n", read(ws.resolve("out.txt")));
        assertFalse(result.stdout().contains("fresh"), result::toString);
    }

    @Test
    void standardErrorStaysApartFromStandardOutputAsAdeptKeepsIt() {
        Exekutir.Result result = run("""
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo "merged"-out; echo "merged"-err >&2'
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo "split"-out; echo "split"-err >&2'
                    stderrfile: $WORKSPACE/err.txt
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo "file"-out; echo "file"-err >&2'
                    stdoutfile: $WORKSPACE/out.txt
                """);
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.stdout().contains("merged-out\n"), result::toString);
        assertTrue(result.stderr().contains("merged-err\n"), "stderr to the caller's stderr by default\n" + result);
        assertFalse(result.stdout().contains("merged-err"), result::toString);
        assertTrue(result.stdout().contains("split-out\n"), result::toString);
        assertFalse(result.stdout().contains("split-err") || result.stderr().contains("split-err"), result::toString);
        assertEquals("split-err\n", read(ws.resolve("err.txt")));
        String out = read(ws.resolve("out.txt"));
        assertEquals("file-out\n", out, "without stderrfile, stderr does not follow stdout into stdoutfile");
        assertTrue(result.stderr().contains("file-err\n"), result::toString);
        assertFalse(result.stdout().contains("file-"), result::toString);
    }

    @Test
    void exitfileReceivesTheExitCodeAndTheTransitionContinues() {
        Exekutir.Result result = run("""
                - command:
                    filepath: /bin/sh
                    arguments: -c 'exit 3'
                    exitfile: $WORKSPACE/failed.exit
                - command:
                    filepath: /bin/true
                    exitfile: $WORKSPACE/ok.exit
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch continued'
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("3", read(ws.resolve("failed.exit")).strip());
        assertEquals("0", read(ws.resolve("ok.exit")).strip());
        assertTrue(Files.exists(ws.resolve("continued")), result::toString);
    }

    @Test
    void workingDirectoryIsTheWorkspace() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path xn = xn("""
                - command:
                    filepath: /bin/pwd
                    stdoutfile: $WORKSPACE/pwd.txt
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch relative-file'
                """);
        Exekutir.Result result = new Exekutir().in(elsewhere).run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertEquals(ws.toRealPath().toString(), read(ws.resolve("pwd.txt")).strip());
        assertTrue(Files.exists(ws.resolve("relative-file")), result::toString);
        assertFalse(Files.exists(elsewhere.resolve("relative-file")), result::toString);
    }

    @Test
    void aMissingProgramWithAnExitFileIsParkedAndTheTransitionGoesOn() throws IOException {
        Exekutir.Result result = run("""
                - command:
                    filepath: /opt/nowhere/program
                    exitfile: $WORKSPACE/program.exit
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after-the-failure'
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("1", Files.readString(ws.resolve("program.exit")).strip(), result::toString);
        assertTrue(Files.exists(ws.resolve("after-the-failure")), result::toString);
        assertTrue(result.stderr().contains("the program /opt/nowhere/program does not exist"), result::toString);
    }

    /**
     * As adept.py resolves every path (os.path.realpath): a link first, then '..', so
     * '$WORKSPACE/link/../x' is beside the link's target; the program runs by its real path.
     */
    @Test
    void pathsResolveLinksBeforeDotDotAndTheProgramRunsByItsRealPath() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/deep")).getParent().toRealPath();
        Files.createSymbolicLink(ws.resolve("link"), elsewhere.resolve("deep"));
        Path program = write(elsewhere.resolve("prog.sh"), "#!/bin/sh\necho \"$0\"\nexit 4\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(ws.resolve("alias.sh"), program);
        Exekutir.Result result = run("""
                - command:
                    filepath: $WORKSPACE/link/../prog.sh
                    stdoutfile: $WORKSPACE/link/../out.txt
                    exitfile: $WORKSPACE/link/../prog.exit
                - command:
                    filepath: $WORKSPACE/alias.sh
                    stdoutfile: $WORKSPACE/alias.txt
                    exitfile: $WORKSPACE/alias.exit
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo "$0"'
                    stdoutfile: $WORKSPACE/sh.txt
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals(program + "\n", read(elsewhere.resolve("out.txt")), "stdoutfile beside the link's target");
        assertEquals("4", read(elsewhere.resolve("prog.exit")).strip(), "exitfile beside the link's target");
        assertFalse(Files.exists(ws.resolve("out.txt")) || Files.exists(ws.resolve("prog.exit")), result::toString);
        assertEquals(program + "\n", read(ws.resolve("alias.txt")), "the program's $0 is its real path");
        assertEquals(Path.of("/bin/sh").toRealPath() + "\n", read(ws.resolve("sh.txt")));
    }

    /** As in adept.py, '-' names the default stream, not a file called '-'. */
    @Test
    void aDashForStdoutfileOrStderrfileMeansTheDefaultStream() throws IOException {
        Exekutir.Result result = run("""
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo to-out; echo to-err >&2'
                    stdoutfile: '-'
                    stderrfile: '-'
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("to-out\n", result.stdout(), result::toString);
        assertTrue(result.stderr().contains("to-err\n"), result::toString);
        assertFalse(Files.exists(tmp.resolve("-")) || Files.exists(ws.resolve("-")), "no file named '-'");
    }

    @Test
    void outputStreamsLiveWhileTheProgramRuns() throws Exception {
        Path xn = xn("""
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo first-line; sleep 6; echo second-line'
                """);
        Process process = new Exekutir().in(tmp).builder("setup", ws.toString(), xn.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String line = firstLine.get(60, TimeUnit.SECONDS);
            boolean stillRunning = process.isAlive();
            assertEquals("first-line", line);
            assertTrue(stillRunning, "the first line must reach stdout while the program still runs");
            assertEquals("second-line", stdout.readLine());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
