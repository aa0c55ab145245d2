package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TransitionParserTest {

    private static TransitionParser.Result parse(String text) {
        return TransitionParser.parse("t.xn", text);
    }

    private static Problem onlyProblem(String text) {
        TransitionParser.Result result = parse(text);
        assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
        return result.problems().get(0);
    }

    @Test
    void numbersEntriesAcrossDocumentsAndSkipsEmptyOnes() {
        TransitionParser.Result result = parse("""
                ---
                - command: {filepath: /bin/true}
                -
                - variable: {name: A, value: b}
                ---
                # a document with only a comment
                ---
                - command:
                    filepath: /bin/false
                    contexts: [run, cleanup]
                """);
        assertEquals(List.of(), result.problems());
        List<Entry> entries = result.entries();
        assertEquals(List.of(1, 2, 3), entries.stream().map(Entry::number).toList());
        assertEquals(List.of("command", "variable", "command"), entries.stream().map(Entry::type).toList());
        assertEquals(List.of(2, 4, 8), entries.stream().map(Entry::line).toList());
        assertEquals(List.of("run", "cleanup"), entries.get(2).contexts());
        assertTrue(entries.get(2).appliesTo("run"));
        assertTrue(!entries.get(2).appliesTo("setup"));
        assertTrue(entries.get(0).appliesTo("anything"));
    }

    /** ADEPT's files share options through YAML merge keys; the keys written in the map win. */
    @Test
    void mergeKeysGiveTheirOptionsAndWrittenKeysWin() {
        TransitionParser.Result result = parse("""
                - variable: &shared {name: A, value: from-anchor, contexts: [setup]}
                - variable:
                    <<: *shared
                    value: own
                - variable: {<<: [{name: B}, {name: C, value: second}], contexts: [run]}
                - <<: {command: {filepath: /bin/true}}
                """);
        assertEquals(List.of(), result.problems());
        List<Entry> entries = result.entries();
        assertEquals(4, entries.size());
        assertEquals("own", ((org.yaml.snakeyaml.nodes.ScalarNode) entries.get(1).options().get("value")).getValue());
        assertEquals("A", ((org.yaml.snakeyaml.nodes.ScalarNode) entries.get(1).options().get("name")).getValue());
        assertEquals(List.of("setup"), entries.get(1).contexts(), "merged contexts too");
        assertEquals("B", ((org.yaml.snakeyaml.nodes.ScalarNode) entries.get(2).options().get("name")).getValue(),
                "of several merged maps the first wins");
        assertEquals("second", ((org.yaml.snakeyaml.nodes.ScalarNode) entries.get(2).options().get("value")).getValue());
        assertEquals("command", entries.get(3).type());
    }

    @Test
    void emptyContextsApplyEverywhere() {
        Entry entry = parse("- command: {filepath: /bin/true, contexts: []}").entries().get(0);
        assertTrue(entry.appliesTo("setup"));
    }

    @Test
    void contextsMustBeAList() {
        Problem problem = onlyProblem("""
                - command:
                    filepath: /bin/true
                - command:
                    filepath: /bin/true
                    contexts: setup
                """);
        assertEquals(5, problem.line());
        assertEquals(2, problem.entry());
        assertEquals("t.xn:5: entry #2 (command) in context run: 'contexts' must be a list of context names "
                + "(e.g. [setup, run]), found 'setup'", problem.format("run"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        Problem problem = onlyProblem("""
                - command:
                    filepath: /bin/true
                    arguments: -c 'a: b'
                """);
        assertEquals(3, problem.line());
        assertTrue(problem.message().startsWith("YAML syntax error: mapping values are not allowed here"),
                problem.message());
    }

    @Test
    void aDocumentMustBeAList() {
        Problem problem = onlyProblem("command: {filepath: /bin/true}\n");
        assertTrue(problem.message().startsWith("a document must be a list of actions"), problem.message());
    }

    @Test
    void anEntryHasExactlyOneKey() {
        Problem problem = onlyProblem("""
                - command: {filepath: /bin/true}
                - command:
                  filepath: /bin/true
                """);
        assertEquals(2, problem.entry());
        assertTrue(problem.message().contains("exactly one key") && problem.message().contains("indentation"),
                problem.message());
    }

    @Test
    void anEntryMustBeAMap() {
        assertTrue(onlyProblem("- just a string\n").message().startsWith("an entry must be a map"));
    }

    @Test
    void optionsMustBeAMap() {
        Problem problem = onlyProblem("- command: /bin/true\n");
        assertEquals("command", problem.type());
        assertTrue(problem.message().contains("must be a map"), problem.message());
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        Problem problem = onlyProblem("""
                - command:
                    filepath: /bin/true
                    filepath: /bin/false
                """);
        assertEquals(3, problem.line());
        assertTrue(problem.message().contains("given twice"), problem.message());
    }

    @Test
    void aFileWithoutAnyActionIsAProblemNotASuccess() {
        for (String text : new String[] {"", "# only a comment\n", "---\n", "--- []\n---\n-\n", "- {}\n"}) {
            TransitionParser.Result result = parse(text);
            assertEquals(1, result.problems().size(), "'" + text + "': " + result.problems());
            assertTrue(result.problems().get(0).message().startsWith("the file holds no actions"),
                    result.problems().toString());
        }
    }
}
