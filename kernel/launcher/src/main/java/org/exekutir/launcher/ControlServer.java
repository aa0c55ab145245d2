package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's end of the control channel: a Unix domain socket in {@code run/} (the folder
 * 0700, the socket 0600; 0710 and 0660 with the control group's ownership when one is
 * configured). Each connection's peer is checked before a byte is read from it: someone the
 * daemon does not serve is told so, logged, and disconnected.
 */
final class ControlServer implements AutoCloseable {

    /** One admitted connection. */
    interface Handler {
        void serve(UnixDomainPrincipal peer, InputStream in, OutputStream out) throws IOException;
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Peers peers;
    private final Handler handler;
    private final Thread acceptor;

    private ControlServer(ServerSocketChannel server, Path socket, Peers peers, Handler handler) {
        this.server = server;
        this.socket = socket;
        this.peers = peers;
        this.handler = handler;
        this.acceptor = new Thread(this::accept, "exekutir-control");
        acceptor.setDaemon(true);
    }

    static ControlServer open(Path home, Peers peers, Handler handler) throws KernelException {
        Path socket = ControlSocket.of(home);
        if (!ControlSocket.fits(socket)) {
            throw new KernelException(ControlSocket.tooLong(socket));
        }
        try {
            secureFolder(socket.getParent(), peers);
            // The daemon lock is held: a socket file here is a dead daemon's.
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(peers.group() == null ? "rw-------"
                    : "rw-rw----"));
            if (peers.group() != null) {
                Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(peers.group());
            }
            ControlServer control = new ControlServer(server, socket, peers, handler);
            control.acceptor.start();
            return control;
        } catch (IOException e) {
            throw new KernelException("cannot open the control socket " + socket + ": " + e.getMessage(), e);
        }
    }

    /** {@code run/}: the daemon's user only; its control group may pass through to the socket, not list or read. */
    private static void secureFolder(Path run, Peers peers) throws IOException {
        Files.createDirectories(run);
        PosixFileAttributeView view = Files.getFileAttributeView(run, PosixFileAttributeView.class);
        view.setPermissions(PosixFilePermissions.fromString(peers.group() == null ? "rwx------" : "rwx--x---"));
        if (peers.group() != null) {
            view.setGroup(peers.group());
        }
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (AsynchronousCloseException closed) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                System.err.println("exekutir: control: " + e.getMessage());
                continue;
            }
            Thread thread = new Thread(() -> serve(client), "exekutir-control-client");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            OutputStream out = ChannelStreams.out(client);
            if (!peers.admits(peer)) {
                System.err.println("exekutir: control: " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + " refused a connection of user " + peer.user().getName() + " (group " + peer.group().getName()
                        + "): " + peers.whoIsServed());
                Wire.write(out, Wire.REFUSED, ("refused: " + peers.whoIsServed()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            handler.serve(peer, ChannelStreams.in(client), out);
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            System.err.println("exekutir: control: a request failed unexpectedly: " + e);
        }
    }

    /** Stops accepting; connections being served go on until their run ends. */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the socket file is replaced by the next daemon
        }
    }
}
