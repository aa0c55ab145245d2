package org.exekutir.pruner.patterns.internal;

import org.exekutir.sync.files.Folders;
import org.exekutir.sync.files.WorkspaceGlob;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.prune.PruneReport;
import org.exekutir.api.prune.WorkspacePruner;
import org.osgi.service.component.annotations.Component;

/**
 * The workspace pruner {@code patterns}: removes the files and folders that match the
 * globs of the setting {@value #SETTING} ({@link #DEFAULT_PATTERNS} when it is not set; an
 * empty list removes nothing). Never leaves the workspace: symbolic links are removed as
 * links, never followed. The records cleanup needs to find hosts again
 * ({@link #PROTECTED}) are never removed, whatever the patterns say.
 */
@Component
@ExekutirName("patterns")
public class PatternsPruner implements WorkspacePruner {

    static final String NAME = "patterns";
    static final String SETTING = "prune_patterns";

    /**
     * Python byte code, Ansible's retry files, temporary files and connection sockets,
     * caches (of tools run with the workspace as home, and the job's own {@code cache/}
     * of files for the peons, on both sides): things no one reads after a job ends.
     */
    static final List<String> DEFAULT_PATTERNS = List.of(
            "**/__pycache__/**",
            "**/*.pyc",
            "**/*.retry",
            "**/.ansible/tmp/**",
            "**/.ansible/cp/**",
            "**/.cache/**",
            "cache/**",
            "kommandir_workspace/cache/**");

    /** Kept whatever the patterns: the job's uuid and the steps' records of its hosts. */
    static final List<String> PROTECTED = List.of(
            "exekutir_vars.yml",
            "hosts",
            "kommandir_workspace/hosts");

    @Override
    public Set<String> settingNames() {
        return Set.of(SETTING);
    }

    @Override
    public PruneReport prune(Path workspace, Map<String, Object> settings) throws IOException {
        List<WorkspaceGlob> globs = globs(settings.get(SETTING));
        Path root = workspace.toRealPath();
        List<String> removed = new ArrayList<>();
        if (!globs.isEmpty()) {
            Files.walkFileTree(root, new Remover(root, globs, removed));
        }
        removed.sort(null);
        return PruneReport.of(NAME, removed, List.of());
    }

    private static List<WorkspaceGlob> globs(Object setting) throws IOException {
        List<?> patterns;
        if (setting == null) {
            patterns = DEFAULT_PATTERNS;
        } else if (setting instanceof List<?> list) {
            patterns = list;
        } else if (setting instanceof String one) {
            patterns = List.of(one);
        } else {
            throw new IOException(SETTING + " must be a list of globs relative to the workspace");
        }
        List<WorkspaceGlob> globs = new ArrayList<>();
        for (Object pattern : patterns) {
            if (!(pattern instanceof String text)) {
                throw new IOException(SETTING + ": " + pattern + " is not a glob (text)");
            }
            globs.add(WorkspaceGlob.of(SETTING, text));
        }
        return globs;
    }

    /** Walks without following links; a matching folder goes whole unless it holds a protected record. */
    private static final class Remover extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<WorkspaceGlob> globs;
        private final List<String> removed;

        Remover(Path root, List<WorkspaceGlob> globs, List<String> removed) {
            this.root = root;
            this.globs = globs;
            this.removed = removed;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Path relative = root.relativize(dir);
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            if (isProtected(relative)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (matches(relative) && !holdsProtected(relative)) {
                Folders.deleteRecursively(dir);
                removed.add(slashed(relative) + "/");
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Path relative = root.relativize(file);
            if (!isProtected(relative) && matches(relative)) {
                Files.delete(file);
                removed.add(slashed(relative));
            }
            return FileVisitResult.CONTINUE;
        }

        private boolean matches(Path relative) {
            return globs.stream().anyMatch(glob -> glob.matches(relative));
        }

        private static boolean isProtected(Path relative) {
            return PROTECTED.stream().anyMatch(kept -> relative.equals(Path.of(kept)));
        }

        private static boolean holdsProtected(Path relative) {
            return PROTECTED.stream().anyMatch(kept -> Path.of(kept).startsWith(relative));
        }
    }


    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
