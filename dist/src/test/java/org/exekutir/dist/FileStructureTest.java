package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.headerWith;
import static org.exekutir.dist.Exekutir.namesEntry;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** xn-format.md, "File structure" and "Execution": documents, numbering, contexts, exit codes. */
class FileStructureTest extends WorkspaceTest {

    private Exekutir.Result run(String context, Path xn) {
        return new Exekutir().in(tmp).run(context, ws.toString(), xn.toString());
    }

    @Test
    void documentsRunInOrderAndEntriesAreNumberedAcrossDocuments() {
        Path xn = write(tmp.resolve("multi.xn"), """
                ---
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo first >> log'
                ---
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo second >> log'
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo third >> log'
                """);
        Exekutir.Result result = run("setup", xn);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("first\nsecond\nthird\n", read(ws.resolve("log")));
        String third = headerWith(result.stderr(), "echo third");
        assertTrue(namesEntry(third, xn, 3), "the header of the second document's second entry must show 3:\n" + third);
        String second = headerWith(result.stderr(), "echo second");
        assertTrue(namesEntry(second, xn, 2),
                "the header of the second document's first entry must show 2:\n" + second);
    }

    @Test
    void errorsNumberEntriesAcrossDocuments() {
        Path xn = write(tmp.resolve("multi.xn"), """
                ---
                - command:
                    filepath: /bin/true
                - command:
                    contexts: [cleanup]
                    filepath: /bin/true
                ---
                - command:
                    filepath: /bin/true
                    stdoutfiel: out.txt
                """);
        Exekutir.Result result = run("setup", xn);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("entry #3 "), "skipped entries and documents count: entry #3\n" + result);
    }

    @Test
    void contextsDecideWhichEntriesRun() {
        Path xn = write(tmp.resolve("contexts.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch no-contexts'
                - command:
                    contexts: []
                    filepath: /bin/sh
                    arguments: -c 'touch empty-list'
                - command:
                    contexts:
                    filepath: /bin/sh
                    arguments: -c 'touch empty-value'
                - command:
                    contexts: [run, setup]
                    filepath: /bin/sh
                    arguments: -c 'touch listed'
                - command:
                    contexts: [cleanup, run]
                    filepath: /bin/sh
                    arguments: -c 'touch not-listed'
                - command:
                    contexts:
                      - cleanup
                    filepath: /bin/false
                """);
        Exekutir.Result result = run("setup", xn);
        assertEquals(0, result.exit(), "the failing entry is for cleanup only\n" + result);
        for (String ran : new String[] {"no-contexts", "empty-list", "empty-value", "listed"}) {
            assertTrue(Files.exists(ws.resolve(ran)), ran + " should have run\n" + result);
        }
        assertFalse(Files.exists(ws.resolve("not-listed")), "entries for other contexts are skipped\n" + result);
    }

    @Test
    void contextsThatIsNotAListIsAnError() {
        Path xn = write(tmp.resolve("contexts.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch ran'
                - command:
                    contexts: setup
                    filepath: /bin/true
                """);
        Exekutir.Result result = run("setup", xn);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("entry #2"), result::toString);
        assertTrue(result.stderr().contains("contexts"), result::toString);
        assertFalse(Files.exists(ws.resolve("ran")), "nothing may run\n" + result);
    }

    @Test
    void entryWithMoreThanOneKeyIsAnError() {
        Path xn = write(tmp.resolve("twokeys.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch ran'
                - command:
                    filepath: /bin/true
                  variable:
                    name: X
                    value: y
                """);
        Exekutir.Result result = run("setup", xn);
        assertRefusedBeforeAnythingRan(result, "entry #2");
    }

    @Test
    void entryWhoseOptionsAreNotAMapIsAnError() {
        Path xn = write(tmp.resolve("scalar.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch ran'
                - command: /bin/true
                """);
        Exekutir.Result result = run("setup", xn);
        assertRefusedBeforeAnythingRan(result, "entry #2");
    }

    @Test
    void documentThatIsNotAListIsAnError() {
        Path xn = write(tmp.resolve("map.xn"), """
                ---
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch ran'
                ---
                command:
                    filepath: /bin/true
                """);
        Exekutir.Result result = run("setup", xn);
        assertRefusedBeforeAnythingRan(result, "map.xn");
    }

    @Test
    void firstNonZeroExitStopsTheTransitionWithThatCode() {
        Path xn = write(tmp.resolve("stop.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch before'
                - command:
                    filepath: /bin/sh
                    arguments: -c 'exit 7'
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after'
                """);
        Exekutir.Result result = run("setup", xn);
        assertEquals(7, result.exit(), result::toString);
        assertTrue(Files.exists(ws.resolve("before")), result::toString);
        assertFalse(Files.exists(ws.resolve("after")), "entries after a failure must not run\n" + result);
    }

    @Test
    void allZeroExitsZero() {
        Path xn = write(tmp.resolve("ok.xn"), """
                - command:
                    filepath: /bin/true
                - command:
                    filepath: /bin/sh
                    arguments: -c 'exit 0'
                """);
        Exekutir.Result result = run("run", xn);
        assertEquals(0, result.exit(), result::toString);
    }

    /** Exit 2, stderr names {@code mention}, and the marker entry did not run. */
    private void assertRefusedBeforeAnythingRan(Exekutir.Result result, String mention) {
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains(mention), result::toString);
        assertFalse(Files.exists(ws.resolve("ran")), "nothing may run\n" + result);
    }
}
