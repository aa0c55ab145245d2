package org.exekutir.transport.ssh.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream as GNU tar writes it: ustar and GNU headers, pax extended headers
 * ({@code path}, {@code size}, {@code mtime}), GNU long names ({@code L}), base-256 numbers.
 */
final class TarReader {

    /** One archive member; its content is read from {@link TarReader#content()} before the next. */
    record Entry(String path, boolean isDirectory, boolean isFile, int mode, long size, long mtimeSeconds) {
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** @return the next member, or {@code null} at the end of the archive */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longPath = null;
        Long paxSize = null;
        Long paxMtime = null;
        while (true) {
            byte[] header = readBlock();
            if (header == null || isZero(header)) {
                return null;
            }
            char type = (char) header[156];
            long size = number(header, 124, 12);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] body = readFully(size);
                skip(padOf(size));
                if (type == 'L') {
                    longPath = cString(body, 0, body.length);
                } else if (type == 'x') {
                    for (String[] record : paxRecords(body)) {
                        switch (record[0]) {
                            case "path" -> longPath = record[1];
                            case "size" -> paxSize = Long.parseLong(record[1]);
                            case "mtime" -> paxMtime = (long) Double.parseDouble(record[1]);
                            default -> { }
                        }
                    }
                }
                continue;
            }
            String path = longPath != null ? longPath : headerName(header);
            long entrySize = paxSize != null ? paxSize : size;
            long mtime = paxMtime != null ? paxMtime : number(header, 136, 12);
            int mode = (int) number(header, 100, 8) & 07777;
            boolean dir = type == '5';
            boolean file = type == '0' || type == 0 || type == '7';
            remaining = dir ? 0 : entrySize;
            padding = dir ? 0 : padOf(entrySize);
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.startsWith("./")) {
                path = path.substring(2);
            }
            return new Entry(path, dir, file, mode, entrySize, mtime);
        }
    }

    /** The current member's content; reading it to its end is optional. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("the archive ended inside a file");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private static java.util.List<String[]> paxRecords(byte[] body) {
        java.util.List<String[]> records = new java.util.ArrayList<>();
        int at = 0;
        while (at < body.length) {
            int space = indexOf(body, (byte) ' ', at);
            if (space < 0) {
                break;
            }
            int length = Integer.parseInt(new String(body, at, space - at, StandardCharsets.US_ASCII));
            String record = new String(body, space + 1, length - (space - at) - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                records.add(new String[] {record.substring(0, equals), record.substring(equals + 1)});
            }
            at += length;
        }
        return records;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        String prefix = ustar ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Octal, or GNU base-256 when the first byte has its high bit set. */
    private static long number(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b >= '0' && b <= '7') {
                value = value * 8 + (b - '0');
            } else if (b == 0 || (b == ' ' && value > 0)) {
                break;
            }
        }
        return value;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padOf(long size) {
        long rest = size % TarWriter.BLOCK;
        return rest == 0 ? 0 : TarWriter.BLOCK - rest;
    }

    private byte[] readBlock() throws IOException {
        byte[] block = new byte[TarWriter.BLOCK];
        int got = in.readNBytes(block, 0, block.length);
        if (got == 0) {
            return null;
        }
        if (got < block.length) {
            throw new EOFException("the archive ended inside a header");
        }
        return block;
    }

    private byte[] readFully(long size) throws IOException {
        if (size > 16 * 1024 * 1024) {
            throw new IOException("tar extended header of " + size + " bytes is too large");
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length < size) {
            throw new EOFException("the archive ended inside a header");
        }
        return body;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the archive ended early");
                }
                n = 1;
            }
            left -= n;
        }
    }
}
