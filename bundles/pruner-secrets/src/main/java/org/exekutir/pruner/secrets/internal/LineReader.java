package org.exekutir.pruner.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file line by line with each line's own ending ({@code \n}, {@code \r\n} or none
 * at the end), one char per byte (ISO-8859-1), so that writing the lines back gives the same
 * bytes whatever the file's encoding. The patterns looked for are ASCII.
 */
final class LineReader implements Closeable {

    /** Files with a NUL byte in their first 8000 bytes are binary (as git judges it). */
    private static final int BINARY_PROBE = 8000;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[65536];
    private int position;
    private int limit;

    LineReader(Path file) throws IOException {
        in = Files.newInputStream(file);
    }

    /** @return the next line with its ending, or {@code null} at the end */
    String next() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = Math.max(0, in.read(buffer));
                position = 0;
                if (limit == 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit;
            if (ended) {
                position++;
            }
            line.write(buffer, start, position - start);
            if (ended) {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(BINARY_PROBE);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the line's ending: {@code \r\n}, {@code \n} or nothing */
    static String ending(String line) {
        return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
    }
}
