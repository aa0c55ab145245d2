package org.exekutir.engine.internal.steps;

import static org.exekutir.engine.internal.steps.StepFixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.exekutir.api.step.StepException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariableStepTest {

    @TempDir
    Path workspace;

    private final VariableStep step = new VariableStep();
    private StepFixture fixture;

    @BeforeEach
    void transition() {
        fixture = new StepFixture(workspace, Map.of("SET", " from env ", "EMPTY", "", "HOME", "/home/me"));
    }

    private String set(Object... keysAndValues) throws StepException {
        step.run(options(keysAndValues), fixture.transition);
        return fixture.transition.globals().get(keysAndValues[1]);
    }

    @Test
    void aValueIsStrippedThenSubstitutedFromTheEnvironmentThenFromGlobals() throws Exception {
        set("name", "FIRST", "value", "one");
        assertEquals("one//home/me $UNKNOWN", set("name", "SECOND", "value", "  $FIRST/$HOME $UNKNOWN  "));
        set("name", "HOME", "value", "global home");
        assertEquals("/home/me", set("name", "THIRD", "value", "$HOME"), "the environment is substituted first");
    }

    @Test
    void fromEnvironmentReadsTheCallersWholeEnvironment() throws Exception {
        assertEquals("from env", set("name", "A", "from_env", "SET"));
    }

    @Test
    void fromEnvironmentFallsBackToTheDefaultWhenUnsetOrEmpty() throws Exception {
        assertEquals("d1", set("name", "A", "from_env", "UNSET", "default", "d1"));
        assertEquals("d2", set("name", "B", "from_env", "EMPTY", "default", "d2"));
        assertEquals("", set("name", "C", "from_env", "EMPTY", "default", ""));
    }

    @Test
    void fromEnvironmentWithoutDefaultFailsWhenUnsetOrEmpty() {
        StepException unset = assertThrows(StepException.class, () -> set("name", "A", "from_env", "UNSET"));
        assertEquals("the environment variable UNSET is not set and no 'default' is given", unset.getMessage());
        StepException empty = assertThrows(StepException.class, () -> set("name", "A", "from_env", "EMPTY"));
        assertEquals("the environment variable EMPTY is empty and no 'default' is given", empty.getMessage());
    }

    @Test
    void fromFileReadsTheFileStripped() throws Exception {
        Files.writeString(workspace.resolve("v.txt"), "  42\n");
        assertEquals("42", set("name", "A", "from_file", "$WORKSPACE/v.txt"));
    }

    @Test
    void aMissingFileIsCreatedHoldingTheDefault() throws Exception {
        assertEquals("7", set("name", "A", "from_file", "$WORKSPACE/new.txt", "default", "7"));
        assertEquals("7", Files.readString(workspace.resolve("new.txt")));
    }

    @Test
    void aMissingFileWithoutDefaultFails() {
        StepException missing = assertThrows(StepException.class, () -> set("name", "A", "from_file", "nope.txt"));
        assertTrue(missing.getMessage().endsWith("nope.txt does not exist and no 'default' is given"),
                missing.getMessage());
    }

    @Test
    void withoutASourceTheVariableMustAlreadyBeSet() throws Exception {
        StepException unset = assertThrows(StepException.class, () -> set("name", "A"));
        assertEquals("the global variable A is required but not set", unset.getMessage());
        set("name", "A", "value", "x");
        assertEquals("x", set("name", "A"));
    }

    @Test
    void secretValuesAreNotShownInTheHeader() {
        assertEquals(Map.of("DB_PASSWORD", "<hidden>"),
                step.describe(options("name", "DB_PASSWORD", "value", "hunter2"), fixture.transition));
        assertEquals(Map.of("A", "<from $SET>"), step.describe(options("name", "A", "from_env", "SET"),
                fixture.transition));
    }
}
