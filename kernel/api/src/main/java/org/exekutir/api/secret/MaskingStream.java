package org.exekutir.api.secret;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link SecretMask#masking}: output line by line through the mask and {@link SecretLines},
 * each byte kept as it is unless it is part of a secret. A line is held while it may carry
 * a secret (it names one, or a key or block value goes on); other output is passed on at
 * every flush, so it stays live.
 */
final class MaskingStream extends OutputStream {

    /** A line longer than this is passed on in pieces (memory stays bounded). */
    private static final int LONGEST_HELD = 64 * 1024;

    private final SecretMask mask;
    private final OutputStream target;
    private final SecretLines lines = SecretLines.forOutput();
    private byte[] pending = new byte[512];
    private int length;

    MaskingStream(SecretMask mask, OutputStream target) {
        this.mask = mask;
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) throws IOException {
        int from = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, from, i - from);
                writeLine(true);
                from = i + 1;
            }
        }
        append(bytes, from, end - from);
        if (length > LONGEST_HELD) {
            writePartial(true);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (length > 0) {
            writePartial(false);
        }
        target.flush();
    }

    /** Writes what is held, masked, and flushes; the target stays open. */
    synchronized void end() throws IOException {
        if (length > 0) {
            writeLine(false);
        }
        target.flush();
    }

    @Override
    public void close() throws IOException {
        end();
    }

    private void append(byte[] bytes, int from, int count) {
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        System.arraycopy(bytes, from, pending, length, count);
        length += count;
    }

    private void writeLine(boolean newline) throws IOException {
        String text = new String(pending, 0, length, StandardCharsets.ISO_8859_1);
        String masked = lines.redact(mask.maskLatin(text));
        target.write((newline ? masked + "\n" : masked).getBytes(StandardCharsets.ISO_8859_1));
        length = 0;
    }

    /** Passes on the part of the unfinished line that cannot be, or start, a secret. */
    private void writePartial(boolean force) throws IOException {
        String text = new String(pending, 0, length, StandardCharsets.ISO_8859_1);
        if (!force && (lines.midValue() || SecretNames.mayName(text) || text.contains("://"))) {
            return;
        }
        int held = force ? 0 : mask.heldBack(pending, length);
        if (held == length) {
            return;
        }
        target.write(mask.maskLatin(text.substring(0, length - held)).getBytes(StandardCharsets.ISO_8859_1));
        System.arraycopy(pending, length - held, pending, 0, held);
        length = held;
    }
}
