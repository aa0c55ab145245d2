package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected paths follow os.path.realpath's rule: each link is replaced by its target before '..' applies. */
class AdeptPathsTest {

    @TempDir
    Path scratch;

    private Path root;
    private Path workspace;
    private Path deep;

    @BeforeEach
    void layout() throws Exception {
        root = scratch.toRealPath();
        workspace = Files.createDirectories(root.resolve("ws"));
        deep = Files.createDirectories(root.resolve("elsewhere/deep"));
        Files.createSymbolicLink(workspace.resolve("link"), deep);
        Files.writeString(root.resolve("elsewhere/f.txt"), "beside the target");
    }

    @Test
    void aLinkIsResolvedBeforeDotDot() {
        assertEquals(root.resolve("elsewhere/f.txt"), AdeptPaths.resolve(workspace, "link/../f.txt"));
        assertEquals(root.resolve("elsewhere/f.txt"), AdeptPaths.resolve(root, workspace + "/link/../f.txt"));
    }

    @Test
    void aFileNotYetMadeIsPlacedBesideTheLinksTarget() {
        assertEquals(root.resolve("elsewhere/out.txt"), AdeptPaths.resolve(workspace, "link/../out.txt"));
        assertEquals(deep.resolve("new/file.exit"), AdeptPaths.resolve(workspace, "link/new/file.exit"));
    }

    @Test
    void aMissingFolderFollowedByDotDotCancelsOut() {
        assertEquals(workspace.resolve("x.txt"), AdeptPaths.resolve(workspace, "missing/../x.txt"));
        assertEquals(workspace.resolve("x.txt"), AdeptPaths.resolve(workspace, "./missing/./../x.txt"));
    }

    @Test
    void anExistingFileIsNamedByItsRealPath() throws Exception {
        Path program = Files.writeString(deep.resolve("prog.sh"), "#!/bin/sh\n");
        Path alias = Files.createSymbolicLink(workspace.resolve("prog"), program);
        assertEquals(program, AdeptPaths.resolve(workspace, "prog"));
        assertEquals(program, AdeptPaths.resolve(root, alias.toString()));
    }

    @Test
    void aDanglingLinkLeadsWhereItPoints() throws Exception {
        Files.createSymbolicLink(workspace.resolve("dangling"), Path.of("../elsewhere/deep/later.txt"));
        assertEquals(deep.resolve("later.txt"), AdeptPaths.resolve(workspace, "dangling"));
    }

    @Test
    void aLinkLoopEndsAsWritten() throws Exception {
        Files.createSymbolicLink(workspace.resolve("a"), workspace.resolve("b"));
        Files.createSymbolicLink(workspace.resolve("b"), workspace.resolve("a"));
        Path resolved = AdeptPaths.resolve(workspace, "a/x");
        assertEquals("x", resolved.getFileName().toString());
        assertTrue(resolved.getParent().equals(workspace.resolve("a")) || resolved.getParent().equals(workspace.resolve("b")),
                resolved.toString());
    }

    @Test
    void dotDotAtTheRootStaysAtTheRoot() {
        assertEquals(Path.of("/nowhere-" + ProcessHandle.current().pid()),
                AdeptPaths.resolve(workspace, "/../../nowhere-" + ProcessHandle.current().pid()));
    }
}
