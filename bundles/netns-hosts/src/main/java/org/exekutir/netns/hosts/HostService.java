package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What answers ssh inside a namespaced host: the machine's own sshd ({@code netns}), a
 * container ({@code podman}) or a virtual machine ({@code qemu}). The network, the record and
 * the host's folder are {@link HostCreation}'s; this is the one part that differs.
 *
 * <p>Like a provider, each method must be safe to call again after a crash at any point.
 */
public interface HostService {

    /**
     * Makes the host answer ssh on {@link HostRecord#hostAddress()} as root with the job's key:
     * keeps what already answers, replaces what is stale. Called after the network is built,
     * outside the machine lock.
     */
    void ensureRunning(HostRecord record, JobKey key, Path folder, Progress progress)
            throws IOException, InterruptedException;

    /** Whether the host answers ssh now: a second call that finds it so changes nothing. */
    boolean answers(HostRecord record, Path folder) throws IOException, InterruptedException;

    /**
     * Stops the host and removes what it made outside its folder, found by its names (and its
     * record, when there is one): before the namespace goes, whatever runs there.
     *
     * @return whether anything of it was there
     */
    boolean stop(HostNames names, Optional<HostRecord> record, Path folder) throws IOException, InterruptedException;

    /**
     * Whether the host's address sits on the veth end inside the namespace (a process there
     * listens on it), or the namespace only carries the link to something that owns the
     * address itself (a VM bridged to it).
     */
    default boolean addressInNamespace() {
        return true;
    }

    /** The folder on the host that is the job's remote workspace root ({@code exekutir_root}). */
    String root(Path folder) throws IOException;

    /** Variables to find the host's parts by, beyond those every namespaced host has. */
    Map<String, Object> vars(HostRecord record, Path folder);

    /** Where a host being made tells what it is doing (an image build, a boot), line by line. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = line -> {
        };

        void line(String text);
    }
}
