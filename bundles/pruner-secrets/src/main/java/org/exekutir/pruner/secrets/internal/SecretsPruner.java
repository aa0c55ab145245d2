package org.exekutir.pruner.secrets.internal;

import org.exekutir.sync.files.Folders;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
import org.exekutir.api.secret.SecretLines;
import org.osgi.service.component.annotations.Component;

/**
 * The workspace pruner {@code secrets}. Removes private keys, judged by content (a file whose
 * text opens with a private key; outside the redacted places, any text file holding one),
 * and credential files by name ({@link SecretsPolicy#CREDENTIAL_FILES}). In text files under
 * the redacted places ({@link SecretsPolicy#REDACT_PATHS}) masks the values of lines that
 * carry passwords, user names, tokens, secrets and keys, keeping the keys
 * ({@link SecretLines}). Binary files are left alone; symbolic links are never followed (a
 * link named like a credential file is removed as a link); nothing outside the workspace is
 * read or changed. The report names paths relative to the workspace, never a value.
 */
@Component
@ExekutirName("secrets")
public class SecretsPruner implements WorkspacePruner {

    static final String NAME = "secrets";

    @Override
    public Set<String> settingNames() {
        return Set.of(SecretsPolicy.CREDENTIAL_SETTING, SecretsPolicy.REDACT_SETTING,
                SecretsPolicy.KEEP_SETTING);
    }

    @Override
    public PruneReport prune(Path workspace, Map<String, Object> settings) throws IOException {
        SecretsPolicy policy = SecretsPolicy.of(settings);
        Path root = workspace.toRealPath();
        Walk walk = new Walk(root, policy);
        Files.walkFileTree(root, walk);
        walk.retryFailures();
        walk.removed.sort(null);
        walk.redacted.sort(null);
        if (!walk.failures.isEmpty()) {
            throw new IOException("the secrets pruner could not check or clean " + String.join(", ", walk.failures)
                    + " (it removed " + walk.removed.size() + " and redacted " + walk.redacted.size()
                    + " other files); secrets may remain there");
        }
        return PruneReport.of(NAME, walk.removed, walk.redacted);
    }

    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final SecretsPolicy policy;
        final List<String> removed = new ArrayList<>();
        final List<String> redacted = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        /** Files whose cleaning failed once; tried again after the walk. */
        private final List<Path> failedFiles = new ArrayList<>();
        private boolean retrying;

        Walk(Path root, SecretsPolicy policy) {
            this.root = root;
            this.policy = policy;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Path relative = root.relativize(dir);
            if (!dir.equals(root) && policy.isCredentialFile(relative) && !policy.isKept(relative)) {
                Folders.deleteRecursively(dir);
                removed.add(relative + "/");
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Path relative = root.relativize(file);
            if (policy.isKept(relative)) {
                return FileVisitResult.CONTINUE;
            }
            try {
                if (policy.isCredentialFile(relative)) {
                    Files.delete(file);
                    removed.add(relative.toString());
                } else if (attrs.isRegularFile()) {
                    content(file, relative);
                }
            } catch (NoSuchFileException gone) {
                // Gone while walking (a rewrite's temporary file listed before its rename): nothing left to prune.
            } catch (IOException e) {
                if (!retrying) {
                    failedFiles.add(file);
                } else {
                    failures.add(relative + " (" + e.getClass().getSimpleName() + ")");
                }
            }
            return FileVisitResult.CONTINUE;
        }

        /**
         * Once more for the files that failed: a redaction writes a new copy, which a full disk
         * refuses, and the keys and credential files removed since may have made the room.
         */
        void retryFailures() {
            retrying = true;
            for (Path file : failedFiles) {
                try {
                    visitFile(file, Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS));
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                } catch (IOException e) {
                    failures.add(root.relativize(file) + " (" + e.getClass().getSimpleName() + ")");
                }
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                failures.add(root.relativize(file) + " (" + e.getClass().getSimpleName() + ")");
            }
            return FileVisitResult.CONTINUE;
        }

        /** A key goes; where lines are redacted, a text holding a key only loses the key's body. */
        private void content(Path file, Path relative) throws IOException {
            if (LineReader.isBinary(file)) {
                return;
            }
            boolean redactHere = policy.isRedacted(relative);
            if (redactHere ? TextFile.opensKey(file) : TextFile.holdsKey(file)) {
                Files.delete(file);
                removed.add(relative.toString());
            } else if (redactHere && TextFile.redact(file)) {
                redacted.add(relative.toString());
            }
        }
    }

}
