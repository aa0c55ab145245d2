package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * xn-format.md, "Execution", improvement: the whole file is validated before the first
 * action runs; errors name the file, the line, the entry number and the context, exit 2.
 */
class ValidationTest extends WorkspaceTest {

    /** An entry that leaves a marker when it runs. */
    private static final String MARK = """
            - command:
                filepath: /bin/sh
                arguments: -c 'touch ran-%d'
            """;

    private Exekutir.Result run(Path xn) {
        return new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
    }

    /**
     * Exit 2, one problem line {@code FILE:LINE: entry #N (TYPE) in context setup: ...}
     * containing every {@code words}, the closing "nothing was run" line, and no marker.
     */
    private void assertRejected(Exekutir.Result result, Path xn, int line, int entry, String type, String... words)
            throws IOException {
        assertEquals(2, result.exit(), result::toString);
        List<String> problems = result.stderr().lines().filter(l -> l.contains("entry #")).toList();
        assertEquals(1, problems.size(), "one clear message expected\n" + result);
        String problem = problems.get(0);
        String expected = Pattern.quote(xn.getFileName().toString()) + ":" + line + ": entry #" + entry + " \\("
                + type + "\\) in context setup: ";
        assertTrue(Pattern.compile(expected).matcher(problem).find(),
                "expected file:line, entry, type and context like /" + expected + "/ in\n" + problem);
        for (String word : words) {
            assertTrue(problem.contains(word), "the message should mention " + word + ":\n" + problem);
        }
        assertTrue(result.stderr().contains("nothing was run"), result::toString);
        assertEquals("", result.stdout(), "nothing may run\n" + result);
        try (Stream<Path> files = Files.list(ws)) {
            assertEquals(List.of(), files.toList(), "nothing may run\n" + result);
        }
    }

    @Test
    void brokenEntrySevenLeavesEntriesOneToSixUnexecuted() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            text.append(MARK.formatted(i));
        }
        text.append("""
                - command:
                    filepath: /bin/true
                    argumnets: oops
                """);
        Path xn = write(tmp.resolve("seven.xn"), text.toString());
        assertRejected(run(xn), xn, 21, 7, "command", "argumnets");
    }

    @Test
    void malformedYamlIsRejected() throws IOException {
        Path xn = write(tmp.resolve("syntax.xn"), MARK.formatted(1) + """
                - command:
                    filepath: /bin/echo
                   arguments: misindented
                """);
        Exekutir.Result result = run(xn);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("syntax.xn:6"), "the message names the file and line 6\n" + result);
        assertTrue(result.stderr().contains("setup"), "the message names the context\n" + result);
        assertTrue(result.stderr().contains("nothing was run"), result::toString);
        assertFalse(Files.exists(ws.resolve("ran-1")), "nothing may run\n" + result);
    }

    @Test
    void unknownActionTypeIsRejected() throws IOException {
        Path xn = write(tmp.resolve("type.xn"), MARK.formatted(1) + """
                - comand:
                    filepath: /bin/true
                """);
        assertRejected(run(xn), xn, 4, 2, "comand", "comand");
    }

    @Test
    void misspeltKeyIsRejectedWithTheRightKeySuggested() throws IOException {
        Path xn = write(tmp.resolve("key.xn"), MARK.formatted(1) + MARK.formatted(2) + """
                - command:
                    filepath: /bin/echo
                    stdotufile: out.txt
                """);
        Exekutir.Result result = run(xn);
        assertRejected(result, xn, 9, 3, "command", "stdotufile");
        String problem = result.stderr().lines().filter(l -> l.contains("entry #")).findFirst().orElseThrow();
        assertTrue(Pattern.compile("['\"`]stdoutfile['\"`]").matcher(problem).find(),
                "the message should suggest 'stdoutfile':\n" + problem);
    }

    @Test
    void misspeltRequiredKeyGivesOneMessageSuggestingIt() throws IOException {
        Path xn = write(tmp.resolve("key.xn"), MARK.formatted(1) + """
                - command:
                    arguments: hello
                    filpath: /bin/echo
                """);
        Exekutir.Result result = run(xn);
        assertRejected(result, xn, 6, 2, "command", "filpath");
        String problem = result.stderr().lines().filter(l -> l.contains("entry #")).findFirst().orElseThrow();
        assertTrue(Pattern.compile("['\"`]filepath['\"`]").matcher(problem).find(),
                "the message should suggest 'filepath':\n" + problem);
    }

    @Test
    void argumentsOnAPlaybookIsRejected() throws IOException {
        Path xn = write(tmp.resolve("playbook.xn"), MARK.formatted(1) + """
                - playbook:
                    filepath: site.yml
                    arguments: -v
                """);
        assertRejected(run(xn), xn, 6, 2, "playbook", "arguments");
    }

    @Test
    void missingRequiredFilepathIsRejected() throws IOException {
        Path xn = write(tmp.resolve("required.xn"), MARK.formatted(1) + """
                - command:
                    arguments: hello
                """);
        assertRejected(run(xn), xn, 4, 2, "command", "filepath");
    }

    @Test
    void valueOfTheWrongTypeIsRejected() throws IOException {
        Path xn = write(tmp.resolve("type.xn"), MARK.formatted(1) + """
                - command:
                    filepath: [/bin/echo, hello]
                """);
        assertRejected(run(xn), xn, 5, 2, "command", "filepath");
    }

    @Test
    void brokenEntryForAnotherContextIsRejectedToo() throws IOException {
        Path xn = write(tmp.resolve("other.xn"), MARK.formatted(1) + """
                - command:
                    contexts: [cleanup]
                    filepath: /bin/true
                    stdout_file: out.txt
                """);
        assertRejected(run(xn), xn, 7, 2, "command", "stdout_file");
    }

    @Test
    void everyProblemOfTheFileIsReportedInOneRun() throws IOException {
        Path xn = write(tmp.resolve("many.xn"), MARK.formatted(1) + """
                - command: [not, a, map]
                - variable:
                    nam: X
                - bogus: {}
                """);
        Exekutir.Result result = run(xn);
        assertEquals(2, result.exit(), result::toString);
        List<String> problems = result.stderr().lines().filter(l -> l.contains("entry #")).toList();
        assertEquals(3, problems.size(), result::toString);
        assertTrue(problems.get(0).contains(":4: entry #2 (command)") && problems.get(0).contains("must be a map"),
                problems.get(0));
        assertTrue(problems.get(1).contains(":6: entry #3 (variable)") && problems.get(1).contains("'name'"),
                problems.get(1));
        assertTrue(problems.get(2).contains(":7: entry #4 (bogus)"), problems.get(2));
        assertTrue(result.stderr().contains("3 problems in "), result::toString);
        assertFalse(Files.exists(ws.resolve("ran-1")), "nothing may run");
    }
}
