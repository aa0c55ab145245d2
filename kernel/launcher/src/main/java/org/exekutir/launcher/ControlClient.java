package org.exekutir.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The client side of the control channel: sends one request to the daemon of a home and
 * copies its answer to this process's streams as it arrives. No framework starts here,
 * so an attached run costs one small JVM and a socket.
 */
final class ControlClient implements AutoCloseable {

    /** Exit code when the daemon went away before it answered. */
    static final int LOST = 70;

    private final SocketChannel channel;
    private final OutputStream toDaemon;
    private final InputStream fromDaemon;
    /** Why the request could not be written, if it could not; said only when no answer came. */
    private IOException sendFailure;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
        this.toDaemon = ChannelStreams.out(channel);
        this.fromDaemon = new BufferedInputStream(ChannelStreams.in(channel), 65536);
    }

    /** Connects to the daemon of {@code home}. */
    static ControlClient connect(Path home) throws ControlSocket.Unreachable, IOException {
        return new ControlClient(ControlSocket.connect(home));
    }

    /** The daemon turned this caller away (not its user, nor of its control group). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Sends the request; the daemon's first frame says whether it was let in. A daemon that
     * refuses this caller closes without reading, so the write may fail (broken pipe) with the
     * refusal already waiting to be read: the failure is kept, and {@link #answer} reads first.
     */
    void send(Wire.Request request) throws IOException {
        byte[] payload = Wire.encode(request);
        try {
            synchronized (toDaemon) {
                Wire.write(toDaemon, Wire.REQUEST, payload);
            }
        } catch (IOException e) {
            sendFailure = e;
        }
    }

    /** Tells the daemon that the caller asked to stop ({@link Wire#INTERRUPT}) or to abort ({@link Wire#ABORT}). */
    void signal(byte type) {
        try {
            synchronized (toDaemon) {
                Wire.write(toDaemon, type, new byte[0]);
            }
        } catch (IOException e) {
            // the daemon is gone; the caller ends anyway
        }
    }

    /**
     * Copies the daemon's output to {@code out} and {@code err} until its exit frame.
     *
     * @return the exit code the daemon sent
     * @throws Refused when the daemon turned this caller away before reading the request
     */
    int answer(OutputStream out, OutputStream err) throws IOException, Refused {
        try {
            return frames(out, err);
        } catch (IOException e) {
            throw sendFailure != null ? sendFailure : e;
        }
    }

    private int frames(OutputStream out, OutputStream err) throws IOException, Refused {
        for (Wire.Frame frame = Wire.read(fromDaemon); frame != null; frame = Wire.read(fromDaemon)) {
            switch (frame.type()) {
                case Wire.STDOUT -> copy(frame.payload(), out);
                case Wire.STDERR -> copy(frame.payload(), err);
                case Wire.EXIT -> {
                    return frame.code();
                }
                case Wire.REFUSED -> throw new Refused(frame.text());
                default -> throw new IOException("the daemon sent an unknown frame '" + (char) frame.type() + "'");
            }
        }
        throw new IOException("the daemon closed the connection before it answered (did it stop?)");
    }

    private static void copy(byte[] bytes, OutputStream to) {
        try {
            to.write(bytes);
            to.flush();
        } catch (IOException e) {
            // our own stream is closed (a pipe whose reader left): the run goes on, as one-shot
        }
    }

    /** Runs one console command ({@code words}) and prints its answer. */
    static int command(Path home, List<String> words, OutputStream out, PrintStream err) {
        try (ControlClient client = connect(home)) {
            client.send(new Wire.Request(Wire.Kind.COMMAND, words, Path.of("").toAbsolutePath().toString(), Map.of(),
                    new byte[0]));
            return client.answer(out, err);
        } catch (ControlSocket.Unreachable e) {
            err.println("exekutir: " + e.getMessage());
            return e.failure() == ControlSocket.Failure.NONE ? Main.NO_DAEMON : Main.DENIED;
        } catch (Refused e) {
            err.println("exekutir: " + e.getMessage());
            return Main.DENIED;
        } catch (IOException e) {
            err.println("exekutir: cannot talk to the daemon of " + home + ": " + e.getMessage());
            return LOST;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
