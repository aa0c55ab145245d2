package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.parseEnv;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** xn-format.md, "{@code variable}": global variables from a value, the caller's environment or a file. */
class VariableActionTest extends WorkspaceTest {

    /** The last entry of most files: the environment a later command sees, into env.txt. */
    private Exekutir.Result run(Exekutir exekutir, String text) {
        Path xn = write(tmp.resolve("vars.xn"), text);
        return exekutir.in(tmp).run("setup", ws.toString(), xn.toString());
    }

    private Map<String, String> childEnv(Exekutir.Result result) {
        assertEquals(0, result.exit(), result::toString);
        return parseEnv(read(ws.resolve("env.txt")));
    }

    /**
     * A runtime error: non-zero, the message names the entry, file, context and {@code word};
     * later entries did not run.
     */
    private void assertFailedAt(Exekutir.Result result, int entry, String word) {
        assertNotEquals(0, result.exit(), result::toString);
        String message = result.stderr().lines().filter(l -> l.contains("entry #" + entry)).findFirst().orElse("");
        assertTrue(message.contains("vars.xn") && message.contains("setup") && message.contains(word),
                "expected an error naming vars.xn, entry #" + entry + ", context setup and " + word + "\n" + result);
        assertFalse(Files.exists(ws.resolve("env.txt")), "later entries must not run\n" + result);
    }

    @Test
    void valueIsStrippedAndSubstitutedFromTheEnvironmentThenFromGlobals() throws IOException {
        Map<String, String> env = childEnv(run(new Exekutir(), """
                - variable:
                    name: PLAIN
                    value: hello
                - variable:
                    name: PADDED
                    value: "   padded value \\t  "
                - variable:
                    name: FROM_ENVIRONMENT
                    value: "$WORKSPACE/sub and ${ADEPT_CONTEXT}"
                - variable:
                    name: FROM_GLOBALS
                    value: "${PLAIN}-again $PADDED"
                - variable:
                    name: UNDEFINED_STAYS
                    value: "$NOT_DEFINED_ANYWHERE ${NOR_THIS}"
                """ + DUMP_ENV));
        assertEquals("hello", env.get("PLAIN"));
        assertEquals("padded value", env.get("PADDED"));
        assertEquals(ws.toRealPath() + "/sub and setup", env.get("FROM_ENVIRONMENT"));
        assertEquals("hello-again padded value", env.get("FROM_GLOBALS"));
        assertEquals("$NOT_DEFINED_ANYWHERE ${NOR_THIS}", env.get("UNDEFINED_STAYS"));
    }

    @Test
    void fromEnvTakesTheCallersVariableOrTheDefault() {
        Exekutir exekutir = new Exekutir().env("JOB_ID", "  job-42  ").env("EMPTY_ONE", "").env("UNSET_ONE", null);
        Map<String, String> env = childEnv(run(exekutir, """
                - variable:
                    name: ID
                    from_env: JOB_ID
                - variable:
                    name: WHEN_UNSET
                    from_env: UNSET_ONE
                    default: unset-default
                - variable:
                    name: WHEN_EMPTY
                    from_env: EMPTY_ONE
                    default: empty-default
                """ + DUMP_ENV));
        assertEquals("job-42", env.get("ID"));
        assertFalse(env.containsKey("JOB_ID"), "only the global, not the caller's variable, reaches commands");
        assertEquals("unset-default", env.get("WHEN_UNSET"));
        assertEquals("empty-default", env.get("WHEN_EMPTY"));
    }

    @Test
    void fromEnvOfAnUnsetVariableWithoutDefaultIsAnError() {
        Exekutir.Result result = run(new Exekutir().env("NOT_THERE", null), """
                - variable:
                    name: X
                    from_env: NOT_THERE
                """ + DUMP_ENV);
        assertFailedAt(result, 1, "NOT_THERE");
    }

    @Test
    void fromEnvOfAnEmptyVariableWithoutDefaultIsAnError() {
        Exekutir.Result result = run(new Exekutir().env("EMPTY_ONE", ""), """
                - command:
                    filepath: /bin/true
                - variable:
                    name: X
                    from_env: EMPTY_ONE
                """ + DUMP_ENV);
        assertFailedAt(result, 2, "EMPTY_ONE");
    }

    @Test
    void fromFileReadsTheFileOrCreatesItWithTheDefault() {
        write(ws.resolve("present.txt"), "  from the file\n");
        Map<String, String> env = childEnv(run(new Exekutir(), """
                - variable:
                    name: PRESENT
                    from_file: $WORKSPACE/present.txt
                - variable:
                    name: MISSING
                    from_file: ${WORKSPACE}/missing.txt
                    default: the-default
                """ + DUMP_ENV));
        assertEquals("from the file", env.get("PRESENT"));
        assertEquals("the-default", env.get("MISSING"));
        assertEquals("the-default", read(ws.resolve("missing.txt")).strip(),
                "a missing file is created with the default");
    }

    @Test
    void fromFileOfAMissingFileWithoutDefaultIsAnError() {
        Exekutir.Result result = run(new Exekutir(), """
                - variable:
                    name: X
                    from_file: $WORKSPACE/absent.txt
                """ + DUMP_ENV);
        assertFailedAt(result, 1, "absent.txt");
        assertFalse(Files.exists(ws.resolve("absent.txt")), "no file is created without a default");
    }

    @Test
    void valueTogetherWithFromEnvOrFromFileIsAValidationError() {
        for (String other : new String[] {"from_env: HOME", "from_file: /etc/hostname"}) {
            Exekutir.Result result = run(new Exekutir(), """
                    - command:
                        filepath: /bin/sh
                        arguments: -c 'touch ran'
                    - variable:
                        name: X
                        value: literal
                        %s
                    """.formatted(other));
            assertEquals(2, result.exit(), other + "\n" + result);
            assertTrue(result.stderr().contains("entry #2"), other + "\n" + result);
            assertFalse(Files.exists(ws.resolve("ran")), "nothing may run\n" + result);
        }
    }

    @Test
    void nameIsRequired() {
        Exekutir.Result result = run(new Exekutir(), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch ran'
                - variable:
                    value: orphan
                """);
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("entry #2") && result.stderr().contains("name"), result::toString);
        assertFalse(Files.exists(ws.resolve("ran")), "nothing may run\n" + result);
    }

    @Test
    void withoutSourceItAssertsThatTheVariableIsSet() {
        Map<String, String> env = childEnv(run(new Exekutir(), """
                - variable:
                    name: ALREADY
                    value: here
                - variable:
                    name: ALREADY
                """ + DUMP_ENV));
        assertEquals("here", env.get("ALREADY"));
    }

    @Test
    void withoutSourceAnUnsetVariableIsAnError() {
        Exekutir.Result result = run(new Exekutir(), """
                - variable:
                    name: SOMETHING
                    value: else
                - variable:
                    name: NEVER_SET
                """ + DUMP_ENV);
        assertFailedAt(result, 2, "NEVER_SET");
    }

    /** adept.py takes an empty value for no value: the variable must be set already. */
    @Test
    void anEmptyValueCountsAsNotSet() {
        assertFailedAt(run(new Exekutir(), """
                - variable:
                    name: EMPTY
                    value: ''
                """ + DUMP_ENV), 1, "EMPTY");
        Map<String, String> env = childEnv(run(new Exekutir(), """
                - variable: {name: KEPT, value: first}
                - variable: {name: KEPT, value: ''}
                """ + DUMP_ENV));
        assertEquals("first", env.get("KEPT"));
    }

    @Test
    void theDefaultWrittenIntoAMissingFileIsStripped() {
        Map<String, String> env = childEnv(run(new Exekutir(), """
                - variable:
                    name: PADDED
                    from_file: $WORKSPACE/padded.txt
                    default: "  the default \\n"
                """ + DUMP_ENV));
        assertEquals("the default", env.get("PADDED"));
        assertEquals("the default", read(ws.resolve("padded.txt")));
    }

    /** YAML merge keys, as ADEPT's files use them to share options. */
    @Test
    void mergeKeysShareOptionsAndTheWrittenOnesWin() {
        Map<String, String> env = childEnv(run(new Exekutir(), """
                - variable: &base {name: MERGED, value: from-anchor}
                - variable:
                    <<: *base
                    value: own-value
                """ + DUMP_ENV));
        assertEquals("own-value", env.get("MERGED"));
    }
}
