package org.exekutir.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.exekutir.sync.files.WorkspaceGlob;

class PathGlobsTest {

    @Test
    void doubleStarCrossesFoldersSingleStarDoesNot() {
        PathGlobs globs = PathGlobs.of(List.of("ssh/**", "*.log"));
        assertTrue(globs.matches("ssh/known_hosts"));
        assertTrue(globs.matches("ssh/a/b"));
        assertTrue(globs.matches("ssh"), "dir/** is the folder and what is under it, as for prune_patterns");
        assertFalse(globs.matches("sshd"));
        assertTrue(globs.matches("run.log"));
        assertFalse(globs.matches("logs/run.log"));
        assertTrue(PathGlobs.of(List.of("*.log")).matchesOrUnder("run.log/inside"));
        assertTrue(PathGlobs.of(List.of("**/*.retry")).matches("site.retry"), "a leading **/ matches at the top");
    }

    /** The sync's lists and the patterns pruner read a glob alike. */
    @Test
    void oneDialectWithThePrunersPatterns() throws Exception {
        for (String pattern : List.of("ssh/**", "**/__pycache__/**", "*.log", "a/*/b")) {
            for (String path : List.of("ssh", "ssh/k", "x/__pycache__", "__pycache__/a.pyc", "a.log", "a/x/b", "a/b")) {
                assertEquals(WorkspaceGlob.of("test", pattern).matches(java.nio.file.Path.of(path)),
                        PathGlobs.of(List.of(pattern)).matches(path), pattern + " on " + path);
            }
        }
    }

    @Test
    void aPatternOutsideTheTreeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathGlobs.of(List.of("../up")));
        assertThrows(IllegalArgumentException.class, () -> PathGlobs.of(List.of("/abs/**")));
    }

    @Test
    void aBadPatternIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathGlobs.of(List.of("a[")));
        assertTrue(e.getMessage().contains("'a['"), e.getMessage());
    }
}
