package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.exekutir.api.step.StepException;

/** The job's ssh key pair and known-hosts file: {@code ssh/} 0700, files 0600. */
final class Keys {

    private Keys() {
    }

    /**
     * Makes sure {@code ssh/exekutir_key{,.pub}} exist: kept when present, else copied from
     * {@code source} (with its {@code .pub}) when it is readable, else generated.
     *
     * @return what was done, for the output
     */
    static String ensure(Layout layout, Path source) throws StepException, InterruptedException {
        try {
            Files.createDirectories(layout.ssh());
            TreeCopies.chmod(layout.ssh(), "rwx------");
            String done;
            if (Files.exists(layout.privateKey())) {
                done = "kept the key pair in " + layout.show(layout.privateKey());
            } else if (source != null && Files.isReadable(source) && Files.isReadable(pub(source))) {
                Files.copy(source, layout.privateKey(), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(pub(source), pub(layout.privateKey()), StandardCopyOption.REPLACE_EXISTING);
                done = "copied the key pair " + source + " into " + layout.show(layout.privateKey());
            } else {
                generate(layout.privateKey());
                done = "generated a new key pair in " + layout.show(layout.privateKey());
            }
            if (!Files.exists(layout.knownHosts())) {
                Files.createFile(layout.knownHosts());
            }
            try (var files = Files.list(layout.ssh())) {
                for (Path file : files.toList()) {
                    if (Files.isRegularFile(file)) {
                        TreeCopies.chmod(file, "rw-------");
                    }
                }
            }
            return done;
        } catch (IOException e) {
            throw new StepException("cannot prepare " + layout.ssh() + ": " + e.getMessage(), e);
        }
    }

    static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    private static void generate(Path key) throws IOException, InterruptedException, StepException {
        Process process = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                "exekutir", "-f", key.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new StepException("ssh-keygen could not make a key pair in " + key.getParent() + ": " + output.strip());
        }
    }
}
