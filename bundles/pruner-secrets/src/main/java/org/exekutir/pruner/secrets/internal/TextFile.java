package org.exekutir.pruner.secrets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

import org.exekutir.api.secret.PrivateKeys;
import org.exekutir.api.secret.SecretLines;

/** What a text file holds, judged by content; and rewriting it with its secrets masked. */
final class TextFile {

    private TextFile() {
    }

    /** @return whether the text file holds a private key anywhere */
    static boolean holdsKey(Path file) throws IOException {
        try (LineReader lines = new LineReader(file)) {
            for (String line; (line = lines.next()) != null;) {
                if (PrivateKeys.begins(line)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return whether the file's first text opens a private key (the file is a key) */
    static boolean opensKey(Path file) throws IOException {
        try (LineReader lines = new LineReader(file)) {
            for (String line; (line = lines.next()) != null;) {
                if (!line.isBlank()) {
                    return PrivateKeys.opens(line);
                }
            }
        }
        return false;
    }

    /**
     * Masks the file's secrets ({@link SecretLines}). The new content replaces the file in
     * one atomic rename, with the file's permissions; a file with nothing to mask is only
     * read, never written.
     *
     * @return whether anything was masked
     */
    static boolean redact(Path file) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".prune-" + UUID.randomUUID());
        OutputStream out = null;
        try {
            try (LineReader lines = new LineReader(file)) {
                SecretLines redactor = SecretLines.forLogs();
                long unchanged = 0;
                for (String line; (line = lines.next()) != null;) {
                    String ending = LineReader.ending(line);
                    String text = line.substring(0, line.length() - ending.length());
                    String masked = redactor.redact(text);
                    if (out == null && !masked.equals(text)) {
                        out = Files.newOutputStream(temporary);
                        copyStart(file, unchanged, out);
                    }
                    if (out == null) {
                        unchanged += line.length();
                    } else {
                        out.write((masked + ending).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            }
            if (out == null) {
                return false;
            }
            out.close();
            PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.getPosixFilePermissions(file));
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(temporary);
        }
    }

    /** Copies the first {@code length} bytes of the file: the lines before the first one masked. */
    private static void copyStart(Path file, long length, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the file shrank while it was being redacted");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
