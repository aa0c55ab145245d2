package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SubstitutionTest {

    private static final Map<String, String> ENV = Map.of("WORKSPACE", "/ws", "A", "1", "PRICE", "$5 \\o/");

    @Test
    void replacesBothForms() {
        assertEquals("/ws/x and /ws/y", Substitution.apply("$WORKSPACE/x and ${WORKSPACE}/y", ENV));
    }

    @Test
    void leavesUnknownNamesAsWritten() {
        assertEquals("$RET ${NOPE} /ws", Substitution.apply("$RET ${NOPE} $WORKSPACE", ENV));
    }

    @Test
    void readsTheLongestNameLikeAShell() {
        assertEquals("$WORKSPACE_DIR /ws_DIR", Substitution.apply("$WORKSPACE_DIR ${WORKSPACE}_DIR", ENV));
    }

    @Test
    void insertsValuesLiterallyAndOnce() {
        assertEquals("cost: $5 \\o/", Substitution.apply("cost: $PRICE", ENV));
    }

    @Test
    void leavesLoneDollarsAlone() {
        assertEquals("$ $$ $1 ${} 1", Substitution.apply("$ $$ $1 ${} $A", ENV));
    }
}
