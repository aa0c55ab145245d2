package org.exekutir.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How large a transition file may be: the framework property {@value #PROPERTY} (a number of
 * bytes, or with {@code KiB}/{@code MiB}; 1 MiB unless set). A file over it is refused at once
 * with its size, before any of it is parsed: a real transition file is a few KiB, and one
 * many megabytes long is a mistake (a log piped in, a binary) that would keep the parser busy.
 */
public record InputLimit(long bytes) {

    public static final String PROPERTY = "exekutir.input.limit";
    public static final InputLimit DEFAULT = new InputLimit(1024 * 1024);

    /** @return the limit, or empty when {@code value} has another form */
    public static Optional<InputLimit> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        String text = value.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        if (text.endsWith("kib") || text.endsWith("k")) {
            unit = 1024;
        } else if (text.endsWith("mib") || text.endsWith("m")) {
            unit = 1024 * 1024;
        }
        String digits = text.replaceAll("(kib|mib|k|m)$", "");
        if (!digits.matches("\\d{1,9}") || Long.parseLong(digits) == 0) {
            return Optional.empty();
        }
        return Optional.of(new InputLimit(Long.parseLong(digits) * unit));
    }

    /** For messages: {@code 1 MiB}, {@code 512 KiB}, {@code 100 bytes}. */
    public String describe() {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    /** The file's bytes, or empty when it holds more than the limit (nothing more is read). */
    Optional<byte[]> read(Path file) throws IOException {
        return Files.size(file) > bytes ? Optional.empty() : read(Files.newInputStream(file));
    }

    /** At most the limit's bytes of {@code in}; empty when there are more. */
    Optional<byte[]> read(InputStream in) throws IOException {
        try (in) {
            byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bytes + 1));
            return read.length > bytes ? Optional.empty() : Optional.of(read);
        }
    }
}
