package org.exekutir.pruner.secrets.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/** What a file holds, judged by content; and rewriting a text file with its secrets masked. */
final class TextFile {

    enum Kind {
        /** A NUL byte near the start: left alone. */
        BINARY,
        /** Its first text opens a private key: the file is a key. */
        KEY,
        /** Text with a private key somewhere in it. */
        HOLDS_KEY,
        /** Text without a private key. */
        TEXT
    }

    private TextFile() {
    }

    static Kind kind(Path file) throws IOException {
        if (LineReader.isBinary(file)) {
            return Kind.BINARY;
        }
        try (LineReader lines = new LineReader(file)) {
            boolean first = true;
            for (String line; (line = lines.next()) != null;) {
                if (first && !line.isBlank()) {
                    if (PrivateKeys.opens(line)) {
                        return Kind.KEY;
                    }
                    first = false;
                }
                if (PrivateKeys.begins(line)) {
                    return Kind.HOLDS_KEY;
                }
            }
        }
        return Kind.TEXT;
    }

    /**
     * Masks the file's secrets ({@link LineRedactor}). The new content replaces the file in
     * one atomic rename, with the file's permissions; a file with nothing to mask is not
     * touched at all.
     *
     * @return whether anything was masked
     */
    static boolean redact(Path file) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".prune-" + UUID.randomUUID());
        boolean changed = false;
        try {
            try (LineReader lines = new LineReader(file); OutputStream out = Files.newOutputStream(temporary)) {
                LineRedactor redactor = new LineRedactor();
                for (String line; (line = lines.next()) != null;) {
                    String ending = LineReader.ending(line);
                    String text = line.substring(0, line.length() - ending.length());
                    String masked = redactor.redact(text);
                    changed |= !masked.equals(text);
                    out.write((masked + ending).getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            if (changed) {
                PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
                if (view != null) {
                    view.setPermissions(Files.getPosixFilePermissions(file));
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return changed;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
