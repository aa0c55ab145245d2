package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleCommandTest {

    @Test
    void wordsSplitAtBlanksAndQuotesKeepThem() {
        assertEquals(List.of("install", "/tmp/my provider.jar"), ConsoleCommand.words("install '/tmp/my provider.jar'"));
        assertEquals(List.of("update", "12", "a\"b c"), ConsoleCommand.words("  update\t12 'a\"b c'  "));
        assertEquals(List.of("x", ""), ConsoleCommand.words("x ''"));
        assertEquals(List.of(), ConsoleCommand.words("   "));
        assertThrows(IllegalArgumentException.class, () -> ConsoleCommand.words("install 'open"));
    }
}
