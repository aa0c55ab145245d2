package org.exekutir.pruner.patterns.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.exekutir.api.prune.PruneReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternsPrunerTest {

    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    private final PatternsPruner pruner = new PatternsPruner();

    /** What a workspace looks like after a job's cleanup, before pruning. */
    @BeforeEach
    void job() throws IOException {
        write("exekutir_vars.yml", "uuid: 3f2a\n");
        write("hosts/kommandir.yml", "provider: script\nstate: destroyed\n");
        write("inventory/host_vars/kommandir.yml", "ansible_host: 10.0.0.2\n");
        write("results/setup.txt", "setup done\n");
        write("site.retry", "kommandir\n");
        write("__pycache__/helper.cpython-311.pyc", "\0bytecode");
        write("library/module.pyc", "\0bytecode");
        write(".ansible/tmp/ansible-local-42/AnsiballZ_setup.py", "print()\n");
        write(".ansible/cp/ab12cd", "socket stand-in");
        write(".ansible/galaxy_token", "kept by patterns; secrets is the other pruner");
        write(".cache/pip/http/x", "wheel");
        write("cache/rpms/docker.rpm", "\0rpm");
        write("kommandir_workspace/cache/git/repo/README", "cached clone\n");
        write("kommandir_workspace/hosts/peon-1.yml", "state: destroyed\n");
        write("kommandir_workspace/peons.retry", "peon-1\n");
        write("kommandir_workspace/library/__pycache__/x.pyc", "\0bytecode");
        write("kommandir_workspace/results/cache.txt", "a result about caches\n");
        write("kommandir_workspace/roles/web/cache/page.html", "<p>kept: only the top cache folders go</p>\n");
        write(outside.resolve("precious/data.txt"), "outside the workspace\n");
        Files.createSymbolicLink(workspace.resolve("linked_outside"), outside.resolve("precious"));
    }

    @Test
    void theDefaultPatternsRemoveByteCodeRetryFilesAnsibleTemporariesAndCaches() throws IOException {
        PruneReport report = pruner.prune(workspace, Map.of());

        assertEquals("patterns", report.pruner());
        assertEquals(List.of(".ansible/cp/", ".ansible/tmp/", ".cache/", "__pycache__/", "cache/",
                "kommandir_workspace/cache/", "kommandir_workspace/library/__pycache__/", "kommandir_workspace/peons.retry",
                "library/module.pyc", "site.retry"), report.removed());
        assertEquals(List.of(), report.redacted());
        assertEquals(new TreeSet<>(List.of(".ansible/", ".ansible/galaxy_token", "exekutir_vars.yml", "hosts/",
                "hosts/kommandir.yml", "inventory/", "inventory/host_vars/", "inventory/host_vars/kommandir.yml",
                "kommandir_workspace/", "kommandir_workspace/hosts/", "kommandir_workspace/hosts/peon-1.yml",
                "kommandir_workspace/library/", "kommandir_workspace/results/", "kommandir_workspace/results/cache.txt",
                "kommandir_workspace/roles/", "kommandir_workspace/roles/web/", "kommandir_workspace/roles/web/cache/",
                "kommandir_workspace/roles/web/cache/page.html", "library/", "linked_outside", "results/",
                "results/setup.txt")), tree(workspace));
        assertEquals("outside the workspace\n", Files.readString(outside.resolve("precious/data.txt")));
    }

    @Test
    void pruningTwiceRemovesNothingMore() throws IOException {
        pruner.prune(workspace, Map.of());

        assertEquals(List.of(), pruner.prune(workspace, Map.of()).removed());
    }

    @Test
    void theSettingReplacesTheDefaultsAndALinkIsRemovedAsALinkNeverFollowed() throws IOException {
        PruneReport report = pruner.prune(workspace,
                Map.of(PatternsPruner.SETTING, List.of("linked_*", "results/*.txt", "**/roles/**")));

        assertEquals(List.of("kommandir_workspace/roles/", "linked_outside", "results/setup.txt"), report.removed());
        assertTrue(Files.exists(workspace.resolve("site.retry")), "defaults no longer apply");
        assertTrue(Files.notExists(workspace.resolve("linked_outside"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(new TreeSet<>(List.of("precious/", "precious/data.txt")), tree(outside));
    }

    @Test
    void evenEverythingLeavesTheJobsRecordsOfItsHostsAndNothingOutside() throws IOException {
        PruneReport report = pruner.prune(workspace, Map.of(PatternsPruner.SETTING, List.of("**")));

        assertTrue(report.removed().contains("results/"), report.removed().toString());
        assertTrue(report.removed().contains("linked_outside"), report.removed().toString());
        assertEquals(new TreeSet<>(List.of("exekutir_vars.yml", "hosts/", "hosts/kommandir.yml", "kommandir_workspace/",
                "kommandir_workspace/hosts/", "kommandir_workspace/hosts/peon-1.yml")), tree(workspace));
        assertEquals("outside the workspace\n", Files.readString(outside.resolve("precious/data.txt")));
    }

    @Test
    void anEmptyListRemovesNothing() throws IOException {
        TreeSet<String> before = tree(workspace);

        assertEquals(List.of(), pruner.prune(workspace, Map.of(PatternsPruner.SETTING, List.of())).removed());
        assertEquals(before, tree(workspace));
    }

    @Test
    void badPatternsAreRefusedBeforeAnythingIsRemoved() throws IOException {
        TreeSet<String> before = tree(workspace);

        assertEquals("prune_patterns: '../*' is not a glob relative to the workspace", problem(List.of("**/*.retry", "../*")));
        assertEquals("prune_patterns: '/etc/**' is not a glob relative to the workspace", problem(List.of("/etc/**")));
        assertTrue(problem(List.of("results/[ab")).startsWith("prune_patterns: 'results/[ab' is not a valid glob: "));
        assertEquals("prune_patterns: 7 is not a glob (text)", problem(List.of(7)));
        assertEquals("prune_patterns must be a list of globs relative to the workspace", problem(Map.of("a", "b")));
        assertEquals(before, tree(workspace));
    }

    @Test
    void filesKeepTheirBytes() throws IOException {
        byte[] before = Files.readAllBytes(workspace.resolve("results/setup.txt"));

        pruner.prune(workspace, Map.of());

        assertArrayEquals(before, Files.readAllBytes(workspace.resolve("results/setup.txt")));
    }

    private String problem(Object setting) {
        return assertThrows(IOException.class, () -> pruner.prune(workspace, Map.of(PatternsPruner.SETTING, setting)))
                .getMessage();
    }

    private void write(String relative, String content) throws IOException {
        write(workspace.resolve(relative), content);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Every entry under {@code root}, relative, folders with a trailing slash; links not followed. */
    private static TreeSet<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root))
                    .map(path -> root.relativize(path) + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
