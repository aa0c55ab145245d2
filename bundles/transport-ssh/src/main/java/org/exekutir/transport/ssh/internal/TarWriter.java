package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.exekutir.sync.TreeEntry;

/**
 * Writes a POSIX tar stream (ustar headers; a pax extended header carries names longer
 * than the ustar field and sizes beyond its range), as GNU tar reads it.
 */
final class TarWriter implements AutoCloseable {

    static final int BLOCK = 512;
    private static final long USTAR_MAX_SIZE = 077777777777L;

    private final OutputStream out;
    private long bytesWritten;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String path, int mode, long mtimeSeconds) throws IOException {
        header(path + "/", '5', mode, 0, mtimeSeconds);
    }

    /** Writes a file's header and exactly {@code size} bytes of {@code content}. */
    void file(String path, int mode, long size, long mtimeSeconds, InputStream content) throws IOException {
        header(path, '0', mode, size, mtimeSeconds);
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(path + " became shorter while it was being sent (" + left + " bytes missing)");
            }
            out.write(buffer, 0, n);
            left -= n;
            bytesWritten += n;
        }
        pad(size);
    }

    long contentBytes() {
        return bytesWritten;
    }

    private void header(String name, char type, int mode, long size, long mtimeSeconds) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] pax = paxBody(name, size);
        if (pax.length > 0) {
            out.write(block("PaxHeaders/x", 'x', 0644, pax.length, mtimeSeconds));
            out.write(pax);
            pad(pax.length);
        }
        boolean longName = nameBytes.length > 100;
        out.write(block(longName ? truncate(nameBytes) : name, type, mode, size > USTAR_MAX_SIZE ? 0 : size, mtimeSeconds));
    }

    /** @return the pax extended header's records for a member, empty when ustar holds it all */
    private static byte[] paxBody(String name, long size) {
        StringBuilder records = new StringBuilder();
        if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
            records.append(paxRecord("path", name));
        }
        if (size > USTAR_MAX_SIZE) {
            records.append(paxRecord("size", Long.toString(size)));
        }
        return records.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the exact length of the archive {@link #directory} and {@link #file} calls for these make */
    static long archiveSize(List<TreeEntry> directories, List<TreeEntry> files) {
        long total = 2 * BLOCK;
        for (TreeEntry dir : directories) {
            total += headerSize(dir.path() + "/", 0);
        }
        for (TreeEntry file : files) {
            total += headerSize(file.path(), file.size()) + padded(file.size());
        }
        return total;
    }

    private static long headerSize(String name, long size) {
        int pax = paxBody(name, size).length;
        return BLOCK + (pax == 0 ? 0 : BLOCK + padded(pax));
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** A pax record: {@code "LEN key=value\n"}, where LEN counts the whole record, itself included. */
    static String paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private static String truncate(byte[] name) {
        return new String(Arrays.copyOf(name, 100), StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "_");
    }

    private static byte[] block(String name, char type, int mode, long size, long mtimeSeconds) {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
        octal(header, 100, 8, mode & 07777);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, Math.max(0, mtimeSeconds));
        header[156] = (byte) type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        return header;
    }

    /** Zero-padded octal digits ending in NUL, filling {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        if (digits.length() > width) {
            throw new IllegalArgumentException("value " + value + " does not fit a tar header field");
        }
        String padded = "0".repeat(width - digits.length()) + digits;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, width);
        header[offset + width] = 0;
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** Ends the archive (two zero blocks) and flushes; does not close the stream. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
