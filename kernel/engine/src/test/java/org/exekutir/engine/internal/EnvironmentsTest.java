package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentsTest {

    @Test
    void onlyTheAllowListPassesAndEmptyOnesAreDropped() {
        Map<String, String> caller = Map.of("PATH", "/usr/bin", "HOME", "/root", "OS_PASSWORD", "pw",
                "EDITOR", "", "LANG", "C.UTF-8", "TERM", "xterm");
        Map<String, String> env = Environments.base(caller, Path.of("/ws"), Path.of("/opt/x"), "setup", "");
        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals("/root", env.get("HOME"));
        assertEquals("xterm", env.get("TERM"));
        assertFalse(env.containsKey("OS_PASSWORD"));
        assertFalse(env.containsKey("LANG"));
        assertFalse(env.containsKey("EDITOR"));
    }

    /** A nested run's children keep the mark a stop looks for; nothing else of exekutir's passes. */
    @Test
    void exekutirsProcessMarksPassButNoOtherOfItsVariables() {
        Map<String, String> caller = Map.of("EXEKUTIR_RUN_MARK", "0b6e-41f2", "EXEKUTIR_JOB_MARK", "a1b2",
                "EXEKUTIR_OPTIONAL", "-e password=x", "EXEKUTIR_PASSWORD_MARK", "not an id", "MY_MARK", "x1");
        Map<String, String> env = Environments.base(caller, Path.of("/ws"), Path.of("/opt/x"), "run", "");
        assertEquals("0b6e-41f2", env.get("EXEKUTIR_RUN_MARK"));
        assertEquals("a1b2", env.get("EXEKUTIR_JOB_MARK"));
        assertFalse(env.containsKey("EXEKUTIR_OPTIONAL"));
        assertFalse(env.containsKey("EXEKUTIR_PASSWORD_MARK"), "a mark holds an id, nothing else");
        assertFalse(env.containsKey("MY_MARK"));
    }

    @Test
    void setsTheProgramsOwnVariables() {
        Map<String, String> env = Environments.base(Map.of(), Path.of("/ws"), Path.of("/opt/x"), "run", " -e a=1 ");
        assertEquals("dumb", env.get("TERM"));
        assertEquals("/ws", env.get("WORKSPACE"));
        assertEquals("/opt/x", env.get("ADEPT_PATH"));
        assertEquals("run", env.get("ADEPT_CONTEXT"));
        assertEquals("-e a=1", env.get("ADEPT_OPTIONAL"));
        assertFalse(env.get("HOSTNAME").contains("."));
    }

    @Test
    void dropsAnEmptyOptional() {
        Map<String, String> env = Environments.base(Map.of(), Path.of("/ws"), Path.of("/opt/x"), "run", "  ");
        assertFalse(env.containsKey("ADEPT_OPTIONAL"));
    }
}
