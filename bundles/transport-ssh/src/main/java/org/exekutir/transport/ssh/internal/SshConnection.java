package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/** One authenticated SSH session to a host, for the length of one transport call. */
final class SshConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 20_000;

    private final SshTarget target;
    private final Session session;
    private final Runnable onClose;

    private SshConnection(SshTarget target, Session session, Runnable onClose) {
        this.target = target;
        this.session = session;
        this.onClose = onClose;
    }

    /**
     * Connects, checking the host's key against (and on first use recording it in) the
     * target's known-hosts file.
     *
     * @throws HostKeyRefusedException when the host presents a key other than the recorded one
     */
    static SshConnection open(SshTarget target, Sessions sessions) throws IOException {
        KnownHosts knownHosts = new KnownHosts(target.knownHosts());
        TofuRepository repository = new TofuRepository(knownHosts);
        String filedAs = KnownHosts.hostName(target.address(), target.port());
        Session session;
        try {
            JSch jsch = new JSch();
            jsch.addIdentity(target.privateKey().toString());
            session = jsch.getSession(target.user(), target.address(), target.port());
        } catch (JSchException e) {
            throw new PermanentFailureException("cannot use the private key " + target.privateKey() + " for " + target + ": "
                    + e.getMessage(), e);
        }
        session.setHostKeyRepository(repository);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        Set<String> recorded = knownHosts.typesOf(filedAs);
        if (!recorded.isEmpty()) {
            // ask for a key type we know, so a host with several keys is not taken for a changed one
            session.setConfig("server_host_key", preferring(recorded, session.getConfig("server_host_key")));
        }
        sessions.opened(session);
        try {
            session.setServerAliveInterval(15_000);
            session.setServerAliveCountMax(4);
            session.connect(CONNECT_TIMEOUT_MS);
        } catch (JSchException e) {
            sessions.closed(session);
            session.disconnect();
            if (repository.failure() != null) {
                throw new IOException("cannot check the host key of " + target + " against " + target.knownHosts()
                        + ": " + repository.failure().getMessage(), repository.failure());
            }
            if (repository.verdict() == KnownHosts.Verdict.CHANGED) {
                throw new HostKeyRefusedException("refusing to connect to " + target + ": its host key differs from the"
                        + " one recorded for " + filedAs + " in " + target.knownHosts()
                        + " (the host was replaced, or someone is in the way); remove that line if the change is expected");
            }
            throw new IOException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
        return new SshConnection(target, session, () -> sessions.closed(session));
    }

    private static String preferring(Set<String> recorded, String defaults) {
        String wanted = Stream.of(defaults.split(",")).filter(a -> recorded.contains(baseType(a)))
                .collect(Collectors.joining(","));
        return wanted.isEmpty() ? defaults : wanted;
    }

    /** rsa-sha2-256/512 signatures use keys recorded as ssh-rsa. */
    private static String baseType(String algorithm) {
        return algorithm.startsWith("rsa-sha2-") ? "ssh-rsa" : algorithm;
    }

    SshTarget target() {
        return target;
    }

    /** Opens an exec channel (not yet connected) for a command line run by the login shell. */
    ChannelExec exec(String command) throws IOException {
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command.getBytes(StandardCharsets.UTF_8));
            return channel;
        } catch (JSchException e) {
            throw new IOException("cannot open a channel to " + target + ": " + e.getMessage(), e);
        }
    }

    static void connect(ChannelExec channel, SshTarget target) throws IOException {
        try {
            channel.connect(CONNECT_TIMEOUT_MS);
        } catch (JSchException e) {
            throw new IOException("cannot start a command on " + target + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the remote command's exit status has arrived and returns it. */
    int awaitExit(ChannelExec channel) throws IOException, InterruptedException {
        while (!channel.isClosed()) {
            if (!session.isConnected()) {
                throw new IOException("the connection to " + target + " was lost");
            }
            Thread.sleep(2);
        }
        int status = channel.getExitStatus();
        if (status < 0) {
            throw new IOException("the connection to " + target + " ended before the command did");
        }
        return status;
    }

    boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
        onClose.run();
    }
}
