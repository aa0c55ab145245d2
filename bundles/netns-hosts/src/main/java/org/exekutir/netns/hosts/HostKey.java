package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A host's own ssh host key, made on this machine: every host has its own identity. */
public final class HostKey {

    private HostKey() {
    }

    /**
     * Makes an ed25519 key at {@code key} (and {@code key.pub}) unless there is one: an existing
     * key is kept, so a host keeps its identity through repairs. Made under a temporary name and
     * moved in, so a crash never leaves half a key.
     */
    public static void ensure(Commands commands, Path key, String comment) throws IOException, InterruptedException {
        if (Files.isRegularFile(key) && Files.isRegularFile(Path.of(key + ".pub"))) {
            return;
        }
        Path temporary = Path.of(key + ".new");
        Files.deleteIfExists(temporary);
        Files.deleteIfExists(Path.of(temporary + ".pub"));
        commands.check(List.of(Programs.locate("ssh-keygen", "openssh-client").toString(), "-q", "-t", "ed25519",
                "-N", "", "-C", comment, "-f", temporary.toString()));
        Files.move(Path.of(temporary + ".pub"), Path.of(key + ".pub"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(temporary, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a small file whole or not at all, and only when its text changed. */
    public static void writeIfChanged(Path file, String text) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
            return;
        }
        Path temporary = Path.of(file + ".new");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
