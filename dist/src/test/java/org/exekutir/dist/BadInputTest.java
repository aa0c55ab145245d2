package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Input exekutir used to guess about; it says what is wrong instead (the faults issue, "Say it instead of guessing"). */
class BadInputTest extends WorkspaceTest {

    private Exekutir.Result run(String context, Path xn) {
        return new Exekutir().in(tmp).run(context, ws.toString(), xn.toString());
    }

    @Test
    void aFileWithoutActionsIsRefusedNotAGreenRun() {
        for (String text : new String[] {"", "# only a comment\n", "---\n"}) {
            Path xn = write(tmp.resolve("empty.xn"), text);
            Exekutir.Result result = run("setup", xn);
            assertEquals(2, result.exit(), "'" + text + "': " + result);
            assertTrue(result.stderr().contains("empty.xn: in context setup: the file holds no actions"), result::toString);
            assertTrue(result.stderr().contains("nothing was run"), result::toString);
        }
    }

    /** A native step listed only for contexts it does nothing in: refused before anything runs. */
    @Test
    void aStepForContextsItDoesNothingInIsRefusedUpFront() throws IOException {
        Path xn = write(tmp.resolve("peons.xn"), """
                - command: {filepath: /bin/sh, arguments: "-c 'touch $WORKSPACE/ran'"}
                - peons:
                    contexts: [run]
                """);
        Exekutir.Result result = run("run", xn);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("peons.xn:2: entry #2 (peons)"), result::toString);
        assertTrue(result.stderr().contains("'peons' does nothing in run: it works only in cleanup and setup"),
                result::toString);
        assertFalse(Files.exists(ws.resolve("ran")), "nothing ran\n" + result);
    }

    @Test
    void aFileThatIsNotUtf8IsNamedByLineAndByte() throws IOException {
        Path xn = tmp.resolve("latin1.xn");
        Files.write(xn, "- command:\n    filepath: /bin/echo\n    arguments: caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Exekutir.Result result = run("setup", xn);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("latin1.xn:3: in context setup: byte "), result::toString);
        assertTrue(result.stderr().contains("is not UTF-8 text"), result::toString);
        assertFalse(result.stderr().contains("Exception"), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }

    @Test
    void aContextNoEntryNamesGetsAWarningAndTheUsualOnesDoNot() {
        Path xn = write(tmp.resolve("job.xn"), """
                - command: {filepath: /bin/touch, arguments: every-context}
                - command: {filepath: /bin/touch, arguments: setup-only, contexts: [setup]}
                - command: {filepath: /bin/touch, arguments: deploy-only, contexts: [deploy]}
                """);
        Exekutir.Result typo = run("setpu", xn);
        assertEquals(0, typo.exit(), typo::toString);
        assertTrue(typo.stderr().contains("exekutir: warning: no entry of " + xn + " names the context 'setpu'"),
                typo::toString);
        assertTrue(Files.exists(ws.resolve("every-context")) && !Files.exists(ws.resolve("setup-only")));
        for (String context : new String[] {"setup", "run", "deploy"}) {
            Exekutir.Result usual = run(context, xn);
            assertEquals(0, usual.exit(), usual::toString);
            assertFalse(usual.stderr().contains("warning"), context + ": " + usual);
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAtOnceWithoutReadingIt() throws IOException {
        Path xn = tmp.resolve("huge.xn");
        // one 20 MB line: it kept the parser busy for minutes before the limit
        Files.writeString(xn, "- command: {filepath: /bin/echo, arguments: " + "x".repeat(20_000_000) + "}\n");
        Exekutir.Result result = run("setup", xn);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("huge.xn: in context setup: the file is larger than 1 MiB, the limit for "
                + "transition files (exekutir.input.limit sets it)"), result::toString);
        assertEquals("", result.stdout());
    }

    /** The runtime's own exekutir.xn, setup: its workspace step checks every setting before anything is made. */
    private Exekutir.Result setupWith(String settings) {
        write(ws.resolve("exekutir_vars.yml"), settings);
        return run("setup", Exekutir.HOME.resolve("exekutir.xn"));
    }

    @Test
    void aMisspeltSettingIsRefusedWithTheSettingItWasMeantToBe() throws IOException {
        Exekutir.Result result = setupWith("uuid: typo-1\njob_path: " + Exekutir.HOME.resolve("jobs/quickstart")
                + "\nmy_playbooks_port: 8080\nstonit: true\n");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.stderr().contains("exekutir_vars.yml, line 4: stonit is not a setting; did you mean stonith?"),
                result::toString);
        assertNothingMade();
    }

    @Test
    void aBadNetnsRangeIsRefusedInSetupBeforeAnyHostExists() throws IOException {
        Exekutir.Result result = setupWith("uuid: range-1\njob_path: " + Exekutir.HOME.resolve("jobs/quickstart")
                + "\nnetns_range: 10.0.0.0/33\n");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.stderr().contains("exekutir_vars.yml, line 3: netns_range"), result::toString);
        assertTrue(result.stderr().contains("10.0.0.0/33"), result::toString);
        assertNothingMade();
    }

    @Test
    void aFolderWhereTheSettingsBelongIsSaidSo() throws IOException {
        Files.createDirectories(ws.resolve("exekutir_vars.yml"));
        Exekutir.Result result = run("setup", Exekutir.HOME.resolve("exekutir.xn"));
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.stderr().contains("exekutir_vars.yml is a folder; it must be the job's settings file"),
                result::toString);
        assertNothingMade();
    }

    private void assertNothingMade() throws IOException {
        Path hosts = ws.resolve("hosts");
        if (Files.isDirectory(hosts)) {
            try (java.util.stream.Stream<Path> records = Files.list(hosts)) {
                assertEquals(0, records.count(), "no host record: nothing was made");
            }
        }
        assertFalse(Files.exists(ws.resolve("kommandir_workspace")), "no kommandir workspace was built");
    }
}
