package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.parseEnv;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.shortHostName;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** xn-format.md, "Environment given to child processes" and "Substitution". */
class EnvironmentTest extends WorkspaceTest {

    private Exekutir.Result run(Exekutir exekutir, String context, String text) {
        Path xn = write(tmp.resolve("env.xn"), text);
        return exekutir.in(tmp).run(context, ws.toString(), xn.toString());
    }

    private Map<String, String> childEnv(Exekutir.Result result) {
        assertEquals(0, result.exit(), result::toString);
        return parseEnv(read(ws.resolve("env.txt")));
    }

    @Test
    void onlyTheAllowListPassesFromTheCaller() {
        Exekutir caller = new Exekutir()
                .env("HOME", tmp.toString()).env("TERM", "xterm-256color").env("EDITOR", "vi")
                .env("PYTHONPATH", "/opt/py")
                .env("VIRTUAL_ENV", "/opt/venv").env("TZ", "UTC").env("USER", "tester").env("SHELL", "/bin/sh")
                .env("MY_PASSWORD", "leak-me-not").env("AWS_SECRET_ACCESS_KEY", "leak-me-neither")
                .env("LANG", "C.UTF-8").env("FOO", "bar").env("LOGNAME", "tester").env("CLASSPATH", "/x");
        Exekutir.Result result = run(caller, "setup", """
                - command:
                    filepath: /usr/bin/env
                """ + DUMP_ENV);
        Map<String, String> env = childEnv(result);
        Set<String> expected = new TreeSet<>(Set.of("HOME", "EDITOR", "TERM", "PATH", "PYTHONPATH", "VIRTUAL_ENV", "TZ",
                "USER", "SHELL", "WORKSPACE", "ADEPT_PATH", "HOSTNAME", "ADEPT_CONTEXT"));
        assertEquals(expected, new TreeSet<>(env.keySet()), "exactly the allow-list and the program's variables");
        assertEquals(tmp.toString(), env.get("HOME"));
        assertEquals("vi", env.get("EDITOR"));
        assertEquals("/opt/py", env.get("PYTHONPATH"));
        assertEquals("/opt/venv", env.get("VIRTUAL_ENV"));
        assertEquals("UTC", env.get("TZ"));
        assertEquals("tester", env.get("USER"));
        assertEquals("/bin/sh", env.get("SHELL"));
        assertEquals("xterm-256color", env.get("TERM"));
        assertEquals(System.getenv("PATH"), env.get("PATH"));
        assertFalse(result.stdout().contains("leak-me"), "a caller's secret reached a command\n" + result);
    }

    @Test
    void emptyAllowedVariablesAreDropped() {
        Map<String, String> env = childEnv(run(new Exekutir().env("EDITOR", "").env("TZ", ""), "setup", DUMP_ENV));
        assertFalse(env.containsKey("EDITOR"), env::toString);
        assertFalse(env.containsKey("TZ"), env::toString);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void termDefaultsToDumb(String term) {
        Map<String, String> env = childEnv(run(new Exekutir().env("TERM", term), "setup", DUMP_ENV));
        assertEquals("dumb", env.get("TERM"));
    }

    @Test
    void theProgramsVariablesAreSet() throws IOException {
        Map<String, String> env = childEnv(run(new Exekutir(), "cleanup", DUMP_ENV));
        assertEquals(ws.toRealPath().toString(), env.get("WORKSPACE"));
        assertEquals(Exekutir.HOME.toRealPath().toString(), env.get("ADEPT_PATH"), "ADEPT_PATH is the runtime's home");
        assertEquals(shortHostName(), env.get("HOSTNAME"));
        assertEquals("cleanup", env.get("ADEPT_CONTEXT"));
        assertFalse(env.containsKey("ADEPT_OPTIONAL"), "ADEPT_OPTIONAL is dropped when empty: " + env);
    }

    @Test
    void globalVariablesAreAddedOnTop() {
        Exekutir caller = new Exekutir().env("TZ", "UTC").env("CALLER_TOKEN", "tok-123");
        Map<String, String> env = childEnv(run(caller, "setup", """
                - variable:
                    name: GLOBAL_ONE
                    value: one
                - variable:
                    name: TZ
                    value: Europe/Paris
                - variable:
                    name: ASKED_FOR
                    from_env: CALLER_TOKEN
                """ + DUMP_ENV));
        assertEquals("one", env.get("GLOBAL_ONE"));
        assertEquals("Europe/Paris", env.get("TZ"), "a global replaces the caller's value");
        assertEquals("tok-123", env.get("ASKED_FOR"));
        assertFalse(env.containsKey("CALLER_TOKEN"), env::toString);
    }

    @Test
    void dollarNameAndBracedNameAreSubstitutedInCommandStrings() throws IOException {
        Path tool = write(ws.resolve("tool.sh"), """
                #!/bin/sh
                for arg in "$@"; do echo "$arg"; done
                echo to-stderr >&2
                exit 3
                """);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Exekutir.Result result = run(new Exekutir(), "setup", """
                - command:
                    filepath: ${WORKSPACE}/tool.sh
                    arguments: $ADEPT_CONTEXT ${HOSTNAME} "$WORKSPACE" pre${ADEPT_CONTEXT}post
                    stdoutfile: $WORKSPACE/out.txt
                    stderrfile: ${WORKSPACE}/err.txt
                    exitfile: $WORKSPACE/exit.txt
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("setup\n" + shortHostName() + "\n" + ws.toRealPath() + "\npresetuppost\n",
                read(ws.resolve("out.txt")));
        assertEquals("to-stderr\n", read(ws.resolve("err.txt")));
        assertEquals("3", read(ws.resolve("exit.txt")).strip());
    }

    @Test
    void undefinedNamesStayAsWritten() {
        // CALLER_ONLY is in the caller's environment but not in the children's: not defined for substitution
        Exekutir.Result result = run(new Exekutir().env("CALLER_ONLY", "must-not-appear"), "setup", """
                - command:
                    filepath: /bin/echo
                    arguments: $UNDEFINED_NAME ${UNDEFINED_BRACED} $CALLER_ONLY ${CALLER_ONLY}
                """);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("$UNDEFINED_NAME ${UNDEFINED_BRACED} $CALLER_ONLY ${CALLER_ONLY}\n", result.stdout());
    }
}
