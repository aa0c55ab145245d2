package org.exekutir.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the daemon of a home listens: the Unix domain socket {@code run/control.sock}, in a
 * folder only the daemon's user (and its control group) may enter. No TCP port: a Unix socket
 * tells the daemon who connects ({@code SO_PEERCRED}), and file permissions keep others out
 * before they can even connect.
 */
final class ControlSocket {

    static final String FILE = "control.sock";
    /** sun_path holds 108 bytes, the last one the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private ControlSocket() {
    }

    static Path of(Path home) {
        return home.resolve("run").resolve(FILE);
    }

    /** Whether the path fits into a socket address; a home too deep for one cannot have a daemon. */
    static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }

    static String tooLong(Path socket) {
        return "the runtime's home is too deep for its control socket " + socket + " ("
                + socket.toString().getBytes(StandardCharsets.UTF_8).length + " bytes; a Unix socket path holds at most "
                + MAX_PATH_BYTES + "): move the runtime to a shorter path";
    }

    /** Why a client could not connect; {@link #NONE} when no daemon listens there. */
    enum Failure { NONE, DENIED }

    /** Raised when the socket cannot be reached; {@link #failure} says whether anything listens. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        Unreachable(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /** Connects to the daemon of {@code home}. */
    static SocketChannel connect(Path home) throws Unreachable, IOException {
        Path socket = of(home);
        if (!fits(socket)) {
            throw new Unreachable(Failure.NONE, tooLong(socket));
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (ConnectException | NoSuchFileException e) {
            channel.close();
            // No socket, or one left by a daemon that died: nothing listens.
            throw new Unreachable(Failure.NONE, noDaemon(home));
        } catch (AccessDeniedException e) {
            channel.close();
            throw new Unreachable(Failure.DENIED, denied(home));
        } catch (IOException e) {
            channel.close();
            String message = String.valueOf(e.getMessage());
            if (message.contains("ermission denied")) {
                throw new Unreachable(Failure.DENIED, denied(home));
            }
            if (message.contains("No such file") || message.contains("onnection refused")) {
                throw new Unreachable(Failure.NONE, noDaemon(home));
            }
            throw e;
        }
    }

    static String noDaemon(Path home) {
        return "no daemon is running for " + home + "; start one with: exekutir daemon";
    }

    private static String denied(Path home) {
        return "the daemon of " + home + " serves only its own user (and its control group): permission denied";
    }
}
