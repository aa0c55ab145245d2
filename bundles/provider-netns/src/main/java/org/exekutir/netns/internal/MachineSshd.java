package org.exekutir.netns.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.HostRecord;
import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.Ip;
import org.exekutir.netns.hosts.JobKey;
import org.exekutir.netns.hosts.NamespaceProcesses;
import org.exekutir.netns.hosts.Programs;
import org.exekutir.netns.hosts.SshBanner;

/**
 * A netns host's service: this machine's own sshd, started in the host's namespace, with
 * {@code <host folder>/root} on this machine's file system as the job's remote root.
 */
final class MachineSshd implements HostService {

    private final Commands commands;
    private final Programs programs;
    private final CreationObserver observer;

    MachineSshd(Commands commands, Programs programs, CreationObserver observer) {
        this.commands = commands;
        this.programs = programs;
        this.observer = observer;
    }

    @Override
    public void ensureRunning(HostRecord record, JobKey key, Path folder, Progress progress)
            throws IOException, InterruptedException {
        SshDaemon sshd = new SshDaemon(commands, programs, folder);
        sshd.prepare(record.hostAddress(), key.publicKey(), "exekutir-netns " + record.request());
        observer.reached(CreationObserver.HOST_KEY_MADE);
        if (SshBanner.answers(record.hostAddress())) {
            return;
        }
        // A listener that does not answer (or a pid file of a dead one) is stale; sessions are left alone.
        new NamespaceProcesses(new Ip(commands, programs)).stop(record.namespace(), sshd::isOurs);
        sshd.start(record.namespace());
        observer.reached(CreationObserver.SSHD_STARTED);
        sshd.awaitAnswer(record.hostAddress());
    }

    @Override
    public boolean answers(HostRecord record, Path folder) throws InterruptedException {
        return SshBanner.answers(record.hostAddress());
    }

    /** The sshd runs in the namespace: destruction stops it with every other process there. */
    @Override
    public boolean stop(HostNames names, Optional<HostRecord> record, Path folder) {
        return false;
    }

    @Override
    public String root(Path folder) throws IOException {
        return Files.createDirectories(folder.resolve("root")).toString();
    }

    @Override
    public Map<String, Object> vars(HostRecord record, Path folder) {
        return Map.of();
    }
}
