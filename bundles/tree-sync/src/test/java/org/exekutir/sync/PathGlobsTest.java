package org.exekutir.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PathGlobsTest {

    @Test
    void doubleStarCrossesFoldersSingleStarDoesNot() {
        PathGlobs globs = PathGlobs.of(List.of("ssh/**", "*.log"));
        assertTrue(globs.matches("ssh/known_hosts"));
        assertTrue(globs.matches("ssh/a/b"));
        assertFalse(globs.matches("ssh"), "the folder itself is not under itself");
        assertTrue(globs.matches("run.log"));
        assertFalse(globs.matches("logs/run.log"));
        assertTrue(PathGlobs.of(List.of("*.log")).matchesOrUnder("run.log/inside"));
    }

    @Test
    void aBadPatternIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathGlobs.of(List.of("a[")));
        assertTrue(e.getMessage().contains("'a['"), e.getMessage());
    }
}
