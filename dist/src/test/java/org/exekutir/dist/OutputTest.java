package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.headerWith;
import static org.exekutir.dist.Exekutir.namesEntry;
import static org.exekutir.dist.Exekutir.shortHostName;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** xn-format.md, "Output": headers on stderr, secrets never printed, colours. */
class OutputTest extends WorkspaceTest {

    @Test
    void headersOnStandardErrorNameHostActionTypeFileAndEntryNumber() {
        Path xn = write(tmp.resolve("headers.xn"), """
                - variable:
                    name: GREETING
                    value: hi
                - command:
                    filepath: /bin/echo
                    arguments: only-child-output
                """);
        Exekutir.Result result = new Exekutir().run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertEquals("only-child-output\n", result.stdout(), "stdout holds the child's output only");

        String command = headerWith(result.stderr(), "/bin/echo only-child-output");
        assertTrue(command.startsWith(shortHostName()), command);
        assertTrue(command.toLowerCase(Locale.ROOT).contains("command"), "action type\n" + command);
        assertTrue(command.contains(xn.toString()), "file\n" + command);
        assertTrue(namesEntry(command, xn, 2), "entry number 2\n" + command);

        String variable = headerWith(result.stderr(), "GREETING");
        assertTrue(variable.startsWith(shortHostName()), variable);
        assertTrue(variable.toLowerCase(Locale.ROOT).contains("variable"), "action type\n" + variable);
        assertTrue(variable.contains(xn.toString()), "file\n" + variable);
        assertTrue(namesEntry(variable, xn, 1), "entry number 1\n" + variable);
    }

    @Test
    void longCommandLinesAreShortenedInTheHeader() {
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            script.append("        echo script-line-").append(i).append('\n');
        }
        Path xn = write(tmp.resolve("long.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: |
                        -c '
                %s        '
                """.formatted(script));
        Exekutir.Result result = new Exekutir().run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.stdout().contains("script-line-20\n") && result.stdout().contains("script-line-40\n"),
                "the whole script ran\n" + result);
        assertTrue(result.stderr().contains(realPath("/bin/sh")), "the header shows the program by its real path\n"
                + result);
        assertFalse(result.stderr().contains("script-line-20"), "a 40-line command line is shortened\n" + result);
    }

    /** As CI systems mask registered secrets in build logs: the children's output, on both streams. */
    @Test
    void secretsThatChildrenPrintAreMaskedOnTheWayOutEvenSplitAcrossWrites() {
        Path xn = write(tmp.resolve("leaky.xn"), """
                - variable: {name: GITHUB_TOKEN, from_env: CALLER_TOKEN}
                - variable: {name: MY_PASSWORD, value: pa55-w0rd-77}
                - command:
                    filepath: /bin/sh
                    arguments: >-
                      -c 'echo "token $GITHUB_TOKEN"; echo "pw $MY_PASSWORD" >&2;
                      printf "split pa55-w"; sleep 1; printf "0rd-77 done\\n";
                      echo "curl -H \\"Authorization: Bearer eyJ-bearer-9\\" https://api" >&2;
                      echo "the optional $ADEPT_OPTIONAL"'
                """);
        Exekutir.Result result = new Exekutir().env("CALLER_TOKEN", "ghp_t0ken-value-1")
                .run("setup", ws.toString(), xn.toString(), "-e", "OS_PASSWORD=opt-s3cret-5");
        assertEquals(0, result.exit(), result::toString);
        String everything = result.stdout() + result.stderr();
        for (String secret : new String[] {"ghp_t0ken-value-1", "pa55-w0rd-77", "eyJ-bearer-9", "opt-s3cret-5"}) {
            assertFalse(everything.contains(secret), secret + " was shown\n" + result);
        }
        // (the header shows the command as written, with these two halves apart)
        assertFalse(result.stdout().contains("pa55-w") || result.stdout().contains("0rd-77"), result::toString);
        assertTrue(result.stdout().contains("token <hidden>\n"), result::toString);
        assertTrue(result.stdout().contains("split <hidden> done\n"), result::toString);
        assertTrue(result.stderr().contains("pw <hidden>\n"), result::toString);
        assertTrue(result.stderr().contains("Authorization: <hidden>"), result::toString);
        assertTrue(result.stdout().contains("the optional -e OS_PASSWORD=<hidden>"), result::toString);
    }

    @Test
    void valuesOfSecretVariablesAreNeverPrinted() {
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAkeybody\n"
                + "-----END OPENSSH PRIVATE KEY-----";
        Path xn = write(tmp.resolve("secrets.xn"), """
                - variable:
                    name: DB_PASSWORD
                    value: hunter2
                - variable:
                    name: API_TOKEN
                    from_env: CALLER_VALUE
                - variable:
                    name: OS_APP_CREDENTIAL
                    value: os-cred-987
                - variable:
                    name: SSH_PRIVATE_KEY
                    from_file: $WORKSPACE/key.pem
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo "$DB_PASSWORD $API_TOKEN $OS_APP_CREDENTIAL" > seen.txt; echo "$SSH_PRIVATE_KEY" > key.txt'
                - command:
                    filepath: /bin/echo
                    arguments: literal hunter2 tok-aaa-555 os-cred-987
                    stdoutfile: $WORKSPACE/literal.txt
                - command:
                    filepath: /opt/hunter2/tok-aaa-555/missing-program
                """);
        write(ws.resolve("key.pem"), pem + "\n");
        Exekutir.Result result = new Exekutir().env("CALLER_VALUE", "tok-aaa-555")
                .run("setup", ws.toString(), xn.toString());
        assertNotEquals(0, result.exit(), "the last entry fails\n" + result);
        assertEquals("hunter2 tok-aaa-555 os-cred-987\n", Exekutir.read(ws.resolve("seen.txt")),
                "commands do get the secret values");
        assertEquals(pem + "\n", Exekutir.read(ws.resolve("key.txt")), "commands do get the private key");
        for (String secret : new String[] {"hunter2", "tok-aaa-555", "os-cred-987", "keybody"}) {
            assertFalse(result.stderr().contains(secret), secret + " was printed\n" + result);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dumb", "serial"})
    void noColoursWhenTermIsDumbOrSerial(String term) {
        Path xn = write(tmp.resolve("plain.xn"), """
                - variable:
                    name: X
                    value: y
                - command:
                    filepath: /bin/true
                """);
        Exekutir.Result result = new Exekutir().env("TERM", term).run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.stderr().contains("/bin/true"), "headers printed\n" + result);
        assertFalse(result.stderr().contains("\u001b"), "no escape sequences with TERM=" + term + "\n" + result);
    }

    private static String realPath(String program) {
        try {
            return Path.of(program).toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
