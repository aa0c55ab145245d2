package org.exekutir.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control channel's frames: one type byte, a length, that many bytes. A client sends one
 * {@link #REQUEST}, then {@link #INTERRUPT} or {@link #ABORT} at will; the daemon answers with
 * {@link #STDOUT} and {@link #STDERR} as output arrives and ends with one {@link #EXIT}, or
 * sends {@link #REFUSED} and closes.
 */
final class Wire {

    static final byte REQUEST = 'Q';
    static final byte INTERRUPT = 'I';
    static final byte ABORT = 'A';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';
    static final byte REFUSED = 'N';

    /** The protocol's version, the first word of every request: client and daemon of one runtime agree. */
    static final int VERSION = 1;
    /** A frame is never longer: a request carries an environment and at most a transition file. */
    static final int MAX_FRAME = 64 * 1024 * 1024;

    /** What a client asks: a transition or cycle ({@code run}) or a console command. */
    enum Kind { RUN, COMMAND }

    /**
     * One request.
     *
     * @param kind        what is asked
     * @param words       the command line's words (after the program's name), or the command and its arguments
     * @param cwd         the caller's directory
     * @param environment the caller's environment (never logged)
     * @param stdin       the caller's standard input, read whole, when the transition file is {@code -}
     */
    record Request(Kind kind, List<String> words, String cwd, Map<String, String> environment, byte[] stdin) {
    }

    /** One frame as read. */
    record Frame(byte type, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int code() {
            return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8)
                    | (payload[3] & 0xff);
        }
    }

    private Wire() {
    }

    /** One frame: its type, its length, its bytes. */
    static byte[] frame(byte type, byte[] payload, int offset, int length) {
        byte[] frame = new byte[5 + length];
        frame[0] = type;
        frame[1] = (byte) (length >>> 24);
        frame[2] = (byte) (length >>> 16);
        frame[3] = (byte) (length >>> 8);
        frame[4] = (byte) length;
        System.arraycopy(payload, offset, frame, 5, length);
        return frame;
    }

    /** Writes one frame in one write and flushes. Callers that share a stream hold its lock. */
    static void write(OutputStream out, byte type, byte[] payload) throws IOException {
        out.write(frame(type, payload, 0, payload.length));
        out.flush();
    }

    static byte[] code(int code) {
        return new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code};
    }

    /** The next frame; null at the end of the stream. */
    static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.read();
        if (type < 0) {
            return null;
        }
        int length = data.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("a frame of " + length + " bytes: not exekutir's control protocol");
        }
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new Frame((byte) type, payload);
    }

    static byte[] encode(Request request) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(8192);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(VERSION);
        out.writeUTF(request.kind().name());
        out.writeInt(request.words().size());
        for (String word : request.words()) {
            writeString(out, word);
        }
        writeString(out, request.cwd());
        out.writeInt(request.environment().size());
        for (Map.Entry<String, String> variable : request.environment().entrySet()) {
            writeString(out, variable.getKey());
            writeString(out, variable.getValue());
        }
        out.writeInt(request.stdin().length);
        out.write(request.stdin());
        out.flush();
        return bytes.toByteArray();
    }

    static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        try {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("protocol version " + version + "; this daemon speaks " + VERSION
                        + " (client and daemon are of different runtimes)");
            }
            Kind kind = Kind.valueOf(in.readUTF());
            List<String> words = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                words.add(readString(in));
            }
            String cwd = readString(in);
            Map<String, String> environment = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                environment.put(readString(in), readString(in));
            }
            byte[] stdin = new byte[in.readInt()];
            in.readFully(stdin);
            return new Request(kind, words, cwd, environment, stdin);
        } catch (EOFException | IllegalArgumentException e) {
            throw new IOException("a malformed request: " + e, e);
        }
    }

    /** Strings as length and UTF-8 bytes: writeUTF stops at 64 KiB, an environment value may not. */
    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
