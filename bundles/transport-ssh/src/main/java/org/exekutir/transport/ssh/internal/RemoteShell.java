package org.exekutir.transport.ssh.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.jcraft.jsch.ChannelExec;

/**
 * One {@code sh} on the host that runs script after script over a single exec channel, so
 * a sync costs one login (a user's shell start-up files can take seconds) and then one
 * round trip per step. Framing, Java to host: {@code MODE SCRIPT_BYTES DATA_BYTES\n}, the
 * script, then the data, which is the script's standard input (what it leaves unread is
 * drained). Host to Java: in mode {@code b} the line {@code STATUS OUT_BYTES ERR_BYTES\n}
 * then both outputs; in mode {@code s} the script's output streams straight to us first
 * (a tar), then the same line with {@code OUT_BYTES} 0.
 */
final class RemoteShell implements AutoCloseable {

    private static final String DRIVER = String.join("\n",
            "T=$(mktemp -d \"${TMPDIR:-/tmp}/exekutir.XXXXXXXX\") || exit 111",
            "trap 'rm -rf \"$T\"' EXIT",
            "while read -r m n d; do",
            "  head -c \"$n\" > \"$T/s\"",
            "  : > \"$T/o\"",
            "  if [ \"$m\" = s ]; then",
            "    head -c \"$d\" | { sh \"$T/s\" 2> \"$T/e\"; r=$?; cat > /dev/null; exit $r; }; r=$?",
            "  else",
            "    head -c \"$d\" | { sh \"$T/s\" > \"$T/o\" 2> \"$T/e\"; r=$?; cat > /dev/null; exit $r; }; r=$?",
            "  fi",
            "  printf '%s %s %s\\n' \"$r\" \"$(wc -c < \"$T/o\")\" \"$(wc -c < \"$T/e\")\"",
            "  cat \"$T/o\" \"$T/e\"",
            "done",
            "");

    private final SshConnection connection;
    private final ChannelExec channel;
    private final OutputStream toHost;
    private final BufferedInputStream fromHost;

    /** What one script did. */
    record Result(int status, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Writes a script's standard input. */
    interface DataWriter {
        void write(OutputStream data) throws IOException, InterruptedException;
    }

    /** Reads a streamed script's standard output; must read exactly what the script writes. */
    interface StreamReader {
        void read(InputStream output) throws IOException, InterruptedException;
    }

    private RemoteShell(SshConnection connection, ChannelExec channel, OutputStream toHost, InputStream fromHost) {
        this.connection = connection;
        this.channel = channel;
        this.toHost = new BufferedOutputStream(toHost, 256 * 1024);
        this.fromHost = new BufferedInputStream(fromHost, 256 * 1024);
    }

    static RemoteShell start(SshConnection connection) throws IOException {
        ChannelExec channel = connection.exec("sh -c " + Shell.quote(DRIVER));
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        channel.setErrStream(ignored, true);
        OutputStream in = channel.getOutputStream();
        InputStream out = channel.getInputStream();
        SshConnection.connect(channel, connection.target());
        return new RemoteShell(connection, channel, in, out);
    }

    SshTarget target() {
        return connection.target();
    }

    /** Runs a script with {@code data} as its input and collects its output. */
    Result call(String script, byte[] data) throws IOException, InterruptedException {
        return call(script, data.length, out -> out.write(data));
    }

    /** Runs a script whose input of exactly {@code dataLength} bytes {@code writer} streams. */
    Result call(String script, long dataLength, DataWriter writer) throws IOException, InterruptedException {
        send('b', script, dataLength, writer);
        return readResult();
    }

    /** Runs a script whose standard output {@code reader} consumes as it arrives. */
    Result stream(String script, byte[] data, StreamReader reader) throws IOException, InterruptedException {
        send('s', script, data.length, out -> out.write(data));
        reader.read(fromHost);
        skipPadding();
        return readResult();
    }

    private void send(char mode, String script, long dataLength, DataWriter writer)
            throws IOException, InterruptedException {
        byte[] text = script.getBytes(StandardCharsets.UTF_8);
        toHost.write((mode + " " + text.length + " " + dataLength + "\n").getBytes(StandardCharsets.US_ASCII));
        toHost.write(text);
        CountingStream counted = new CountingStream(toHost);
        writer.write(counted);
        if (counted.count != dataLength) {
            throw new IOException("internal error: sent " + counted.count + " bytes of input, announced " + dataLength);
        }
        toHost.flush();
    }

    /** tar pads its output with zero bytes to a whole record; the status line starts with a digit. */
    private void skipPadding() throws IOException {
        while (true) {
            fromHost.mark(1);
            int b = fromHost.read();
            if (b < 0) {
                throw lost();
            }
            if (b != 0) {
                fromHost.reset();
                return;
            }
        }
    }

    private Result readResult() throws IOException {
        String line = readLine();
        String[] fields = line.strip().split("\\s+");
        if (fields.length != 3) {
            throw new IOException("unexpected answer from the shell on " + target() + ": " + line);
        }
        byte[] out = readExactly(Long.parseLong(fields[1]));
        byte[] err = readExactly(Long.parseLong(fields[2]));
        return new Result(Integer.parseInt(fields[0]), out, new String(err, StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = fromHost.read()) != '\n';) {
            if (b < 0) {
                throw lost();
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private byte[] readExactly(long size) throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("answer of " + size + " bytes from " + target() + " is too large");
        }
        byte[] bytes = fromHost.readNBytes((int) size);
        if (bytes.length < size) {
            throw lost();
        }
        return bytes;
    }

    private IOException lost() {
        return connection.isConnected() ? new EOFException("the shell on " + target() + " ended unexpectedly")
                : new IOException("the connection to " + target() + " was lost");
    }

    @Override
    public void close() {
        channel.disconnect();
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
