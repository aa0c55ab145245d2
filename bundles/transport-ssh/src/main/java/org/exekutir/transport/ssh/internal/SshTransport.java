package org.exekutir.transport.ssh.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.ProcessOutput;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SyncOptions;
import org.exekutir.api.host.Transport;
import org.exekutir.processes.ChildProcesses;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.PathGlobs;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.processes.MarkedProcesses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.jcraft.jsch.ChannelExec;

/**
 * The transport {@code ssh} (JSch): commands over an exec channel with live output; push
 * and pull as one listing, at most one checksum round trip and one streamed tar, retried
 * after a dropped connection. Host keys are trusted on first use and recorded in the
 * host's {@code exekutir_known_hosts_file}; a changed key is refused.
 */
@Component
@ExekutirName("ssh")
public class SshTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SshTransport.class);
    /**
     * The variable that marks the processes of one {@code run} on the host (a nested
     * exekutir passes {@code EXEKUTIR_*_MARK} variables on to its own children).
     */
    static final String RUN_MARK = "EXEKUTIR_RUN_MARK";

    private final Sessions sessions = new Sessions();
    private final CacheLocation caches;
    private final SshPush.Progress progress;

    public SshTransport() {
        this(CacheLocation.userDefault("ssh"), bytes -> { });
    }

    SshTransport(CacheLocation caches, SshPush.Progress progress) {
        this.caches = caches;
        this.progress = progress;
    }

    @Deactivate
    void deactivate() {
        sessions.closeAll();
    }

    /** @return sessions open right now (each holds a JSch thread) */
    int openSessions() {
        return sessions.count();
    }

    @Override
    public int run(HostVars host, List<String> command, Map<String, String> environment, String directory,
            ProcessOutput output) throws IOException, InterruptedException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run on " + host.name());
        }
        SshTarget target = SshTarget.of(host);
        // marks the command and its children, so they can be found and stopped on interrupt
        String runId = UUID.randomUUID().toString();
        Map<String, String> marked = new LinkedHashMap<>();
        marked.put(RUN_MARK, runId);
        marked.putAll(environment);
        String line = Shell.commandLine(command, marked, directory);
        try (SshConnection connection = SshConnection.open(target, sessions);
                OutputTargets streams = new OutputTargets(output)) {
            ChannelExec channel = connection.exec(line);
            channel.setInputStream(new ByteArrayInputStream(new byte[0]));
            channel.setOutputStream(streams.stdout(), true);
            channel.setErrStream(streams.stderr(), true);
            SshConnection.connect(channel, target);
            try {
                return connection.awaitExit(channel);
            } catch (InterruptedException e) {
                stop(connection, channel, runId);
                throw e;
            } finally {
                channel.disconnect();
            }
        }
    }

    /**
     * Sends TERM through the channel (sshd honours that only for sessions it runs with
     * privilege separation, not for root's), then, to be sure, to every process on the host
     * that carries this run's mark in its environment: the command and what it started.
     * What is left of them after the grace ({@link ChildProcesses#graceMillis()}) gets KILL,
     * at once when this thread is interrupted again meanwhile.
     */
    private static void stop(SshConnection connection, ChannelExec channel, String runId) {
        try {
            channel.sendSignal("TERM");
        } catch (Exception e) {
            LOG.debug("{} refused the signal request: {}", connection.target(), e.getMessage());
        }
        boolean aborted = false;
        ChannelExec terminator = null;
        try {
            terminator = startUninterruptibly(connection, runId, ChildProcesses.graceMillis());
            connection.awaitExit(terminator);
        } catch (InterruptedException again) {
            aborted = true; // a second stop: no more grace
        } catch (IOException e) {
            LOG.warn("could not stop the command on {}: {}", connection.target(), e.getMessage());
        } finally {
            if (terminator != null) {
                terminator.disconnect();
            }
        }
        if (aborted || Thread.currentThread().isInterrupted()) {
            killUninterruptibly(connection, runId);
        }
    }

    /**
     * KILL, now, to the marked processes, and wait for that to be done whatever interrupts
     * come meanwhile: an aborting caller interrupts again and again, and each must not undo
     * the kill it asked for. The interrupt is kept for the caller.
     */
    private static void killUninterruptibly(SshConnection connection, String runId) {
        boolean interrupted = Thread.interrupted();
        ChannelExec killer = null;
        try {
            killer = startUninterruptibly(connection, runId, 0);
            while (true) {
                try {
                    connection.awaitExit(killer);
                    break;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        } catch (IOException e) {
            LOG.warn("could not kill the command on {}: {}", connection.target(), e.getMessage());
        } finally {
            if (killer != null) {
                killer.disconnect();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts the script that sends TERM to the marked processes, waits up to {@code graceMillis}
     * for them to end and sends KILL to the rest. Opening a channel fails when the thread is
     * interrupted meanwhile, so it is tried again (a few times) with the interrupt set aside;
     * an interrupt that came is set again for the caller.
     */
    private static ChannelExec startUninterruptibly(SshConnection connection, String runId, long graceMillis)
            throws IOException {
        String script = MarkedProcesses.stopScript(RUN_MARK + "=" + runId, graceMillis);
        boolean interrupted = false;
        IOException failure = null;
        try {
            for (int attempt = 0; attempt < CHANNEL_ATTEMPTS; attempt++) {
                interrupted |= Thread.interrupted();
                ChannelExec killer = connection.exec("sh -c " + Shell.quote(script));
                killer.setInputStream(new ByteArrayInputStream(new byte[0]));
                killer.setOutputStream(OutputStream.nullOutputStream());
                try {
                    SshConnection.connect(killer, connection.target());
                    return killer;
                } catch (IOException e) {
                    killer.disconnect();
                    failure = e;
                    if (!Thread.currentThread().isInterrupted() && !connection.isConnected()) {
                        break;
                    }
                }
            }
            throw failure;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How often opening the stop script's channel is tried while interrupts keep coming. */
    private static final int CHANNEL_ATTEMPTS = 5;

    @Override
    public void push(Path localDirectory, HostVars host, String remoteDirectory, SyncOptions options)
            throws IOException, InterruptedException {
        pushReporting(localDirectory, host, remoteDirectory, options);
    }

    @Override
    public void pull(HostVars host, String remoteDirectory, Path localDirectory, SyncOptions options)
            throws IOException, InterruptedException {
        pullReporting(host, remoteDirectory, localDirectory, options);
    }

    SyncReport pushReporting(Path localDirectory, HostVars host, String remoteDirectory, SyncOptions options)
            throws IOException, InterruptedException {
        SshPush push = new SshPush(caches, progress);
        SshTarget target = SshTarget.of(host);
        if (!Files.isDirectory(localDirectory)) {
            throw new IOException("cannot push " + localDirectory + ": it is not a folder");
        }
        PathGlobs.of(options.excludes()); // a bad pattern is reported before anything else happens
        var ahead = new AtomicReference<>(SshPush.scanAhead(localDirectory, options));
        return withRetries(target, "push of " + localDirectory + " to " + remoteDirectory,
                shell -> push.attempt(shell, localDirectory, remoteDirectory, options, ahead.getAndSet(null)));
    }

    SyncReport pullReporting(HostVars host, String remoteDirectory, Path localDirectory, SyncOptions options)
            throws IOException, InterruptedException {
        SshPull pull = new SshPull(caches);
        return withRetries(SshTarget.of(host), "pull of " + remoteDirectory + " to " + localDirectory,
                shell -> pull.attempt(shell, remoteDirectory, localDirectory, options));
    }

    private interface Attempt {
        SyncReport run(RemoteShell shell) throws IOException, InterruptedException;
    }

    /**
     * Runs attempts until one succeeds; a lost connection (or one that could not be made) is
     * retried, at most {@link SshTarget#retries()} times; a {@link PermanentFailureException}
     * (a refused host key, a failed remote command) never is.
     */
    private SyncReport withRetries(SshTarget target, String what, Attempt attempt)
            throws IOException, InterruptedException {
        for (int number = 1;; number++) {
            SshConnection connection = null;
            try {
                connection = SshConnection.open(target, sessions);
                try (RemoteShell shell = RemoteShell.start(connection)) {
                    return attempt.run(shell).withAttempts(number);
                }
            } catch (PermanentFailureException e) {
                throw e;
            } catch (IOException e) {
                // A read interrupted inside JSch's pipes surfaces as an I/O error with the
                // interrupt cleared: that is a stop, not a lost connection to try again.
                if (e instanceof InterruptedIOException
                        || e instanceof ClosedByInterruptException
                        || Thread.currentThread().isInterrupted()) {
                    InterruptedException stop = new InterruptedException(what + " to " + target + " stopped");
                    stop.initCause(e);
                    throw stop;
                }
                if (number > target.retries()) {
                    throw number > 1 ? new IOException(e.getMessage() + " (after " + number + " attempts)", e) : e;
                }
                LOG.warn("{} to {}: connection lost ({}); attempt {} of {}", what, target, e.getMessage(), number + 1,
                        target.retries() + 1);
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
