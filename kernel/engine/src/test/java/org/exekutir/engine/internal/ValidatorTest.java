package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.exekutir.api.step.StepType;
import org.exekutir.engine.internal.steps.CommandStep;
import org.exekutir.engine.internal.steps.PlaybookStep;
import org.exekutir.engine.internal.steps.VariableStep;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final Map<String, StepType> BUILT_IN =
            Map.of("command", new CommandStep(), "playbook", new PlaybookStep(), "variable", new VariableStep());

    private static Validator.Result validate(String text) {
        TransitionParser.Result parsed = TransitionParser.parse("t.xn", text);
        assertEquals(List.of(), parsed.problems());
        return Validator.validate("t.xn", parsed.entries(), BUILT_IN);
    }

    private static String onlyProblem(String text) {
        Validator.Result result = validate(text);
        assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
        return result.problems().get(0).format("setup");
    }

    @Test
    void aValidFileGivesTypedOptions() {
        Validator.Result result = validate("""
                - variable: {name: N, value: 0}
                - command:
                    filepath: /bin/echo
                    arguments: yes
                    exitfile:
                """);
        assertEquals(List.of(), result.problems());
        assertEquals("0", result.entries().get(0).options().requiredString("value"));
        assertEquals("yes", result.entries().get(1).options().requiredString("arguments"));
        assertTrue(!result.entries().get(1).options().has("exitfile"), "an empty key counts as absent");
    }

    @Test
    void unknownActionTypesAreNamedWithASuggestion() {
        assertEquals("t.xn:2: entry #2 (comand) in context setup: unknown action type 'comand' (did you mean "
                + "'command'?); known types: command, playbook, variable",
                onlyProblem("- variable: {name: A, value: b}\n- comand: {filepath: /bin/true}\n"));
    }

    /** A type the runtime had and that did not come back within the wait is not called unknown. */
    @Test
    void anActionTypeThatIsGoneSaysWhy() {
        TransitionParser.Result parsed = TransitionParser.parse("t.xn", "- hello: {who: world}\n");
        String why = Transition.missing("step type 'hello'", ServiceWait.DEFAULT);
        Validator.Result result = Validator.validate("t.xn", parsed.entries(), BUILT_IN, Map.of("hello", why));

        assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
        assertEquals("t.xn:1: entry #1 (hello) in context setup: no step type 'hello' is installed (waited 5 s for "
                + "one to appear; exekutir.service.wait sets the wait)", result.problems().get(0).format("setup"));
    }

    @Test
    void misspeltKeysAreNamedWithASuggestion() {
        assertEquals("t.xn:2: entry #1 (command) in context setup: unknown key 'filpath' (did you mean "
                + "'filepath'?); 'command' accepts: filepath, arguments, stdoutfile, stderrfile, exitfile, contexts",
                onlyProblem("- command:\n    filpath: /bin/true\n    filepath: /bin/true\n"));
    }

    @Test
    void requiredKeysMustBeThereAndNotEmpty() {
        assertTrue(onlyProblem("- command: {arguments: x}\n").endsWith("the required key 'filepath' is missing"));
        assertTrue(onlyProblem("- command: {filepath: }\n").endsWith("the required key 'filepath' is empty"));
        assertTrue(onlyProblem("- command:\n").endsWith("the required key 'filepath' is missing"));
    }

    @Test
    void valuesMustHaveTheRightType() {
        assertTrue(onlyProblem("- command: {filepath: [/bin/true]}\n")
                .endsWith("'filepath' must be a string, found a list"));
    }

    @Test
    void playbooksTakeNoArguments() {
        String problem = onlyProblem("- playbook: {filepath: site.yml, arguments: -v}\n");
        assertTrue(problem.contains("unknown key 'arguments'"), problem);
    }

    @Test
    void variableSourcesExcludeEachOther() {
        assertTrue(onlyProblem("- variable: {name: A, value: x, from_env: B}\n")
                .endsWith("only one of 'value', 'from_env' and 'from_file' may be given"));
        assertTrue(onlyProblem("- variable: {name: A, default: x}\n")
                .endsWith("'default' applies only with 'from_env' or 'from_file'"));
    }

    @Test
    void unsplittableArgumentsAreFoundBeforeAnythingRuns() {
        assertTrue(onlyProblem("- command: {filepath: /bin/sh, arguments: \"-c 'oops\"}\n")
                .contains("'arguments' cannot be split like a shell"));
    }

    @Test
    void everyProblemOfTheFileIsReported() {
        Validator.Result result = validate("""
                - command: {filepath: /bin/true}
                - nope: {}
                - command: {filepat: x}
                - variable: {}
                """);
        assertEquals(List.of(2, 3, 4), result.problems().stream().map(Problem::entry).toList());
    }

    @Test
    void aMisspeltRequiredKeyIsOneProblemNotTwo() {
        assertTrue(onlyProblem("- command: {filpath: /bin/true}\n").contains("unknown key 'filpath' (did you mean "
                + "'filepath'?)"));
        List<Problem> unrelated = validate("- command: {program: /bin/true}\n").problems();
        assertEquals(2, unrelated.size(), "a key that suggests nothing leaves the missing key reported");
        assertEquals("the required key 'filepath' is missing", unrelated.get(1).message());
    }
}
