package org.exekutir.podman.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.exekutir.image.GuestImage;
import org.exekutir.image.ImageSource;
import org.exekutir.image.ImageCache;
import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostKey;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.HostRecord;
import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.Ip;
import org.exekutir.netns.hosts.JobKey;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.SshBanner;

/**
 * A podman host's service: a container of the guest image, systemd as its PID 1 and sshd
 * under it, sharing the host's network namespace ({@code --network ns:}), so it has the
 * host's address and link and nothing else. Its name comes from the request alone, so a
 * later run finds it again; the job's key and the host's own host key are mounted from the
 * host's folder.
 */
final class PodmanContainer implements HostService {

    /** Where a nested container sees this machine's podman images. */
    private static final String MACHINE_IMAGES = "/var/lib/exekutir-machine-images";
    /** Where imports of an image into podman's storage take turns. */
    private static final Path LOCKS = Path.of("/run/exekutir-podman");

    private final Podman podman;
    private final Commands commands;
    private final PodmanSettings settings;
    private final ImageSource images;
    private final CreationObserver observer;

    PodmanContainer(Podman podman, Commands commands, PodmanSettings settings, ImageSource images,
            CreationObserver observer) {
        this.podman = podman;
        this.commands = commands;
        this.settings = settings;
        this.images = images;
        this.observer = observer;
    }

    @Override
    public void ensureRunning(HostRecord record, JobKey key, Path folder, Progress progress)
            throws IOException, InterruptedException {
        String name = record.namespace(); // the container is named as its namespace
        Path files = Files.createDirectories(folder.resolve("podman"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path ssh = Files.createDirectories(files.resolve("root-ssh"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        HostKey.writeIfChanged(ssh.resolve("authorized_keys"), key.publicKey().strip() + "\n");
        HostKey.ensure(commands, files.resolve("ssh_host_ed25519_key"), "exekutir-podman " + record.request());
        Optional<String> state = podman.state(name);
        if (state.isPresent() && state.get().equals("running") && SshBanner.answers(record.hostAddress())) {
            return;
        }
        GuestImage image = images.obtain(progress);
        if (state.isPresent() && !state.get().equals("running") && !podman.start(name).succeeded()) {
            podman.remove(name);
            state = Optional.empty();
        }
        if (state.isEmpty()) {
            importOnce(image, progress);
            long started = System.nanoTime();
            podman.run(runArguments(record, name, image, files));
            progress.line("podman: started container " + name + " in " + millis(started) + " ms");
            observer.reached(CreationObserver.HOST_STARTED);
        }
        awaitSsh(record, name, progress);
    }

    /** Every host of one image shares what podman imported of it. */
    private void importOnce(GuestImage image, Progress progress) throws IOException, InterruptedException {
        if (podman.imageExists(image.podmanTag())) {
            return;
        }
        // Not beside the image: a nested kommandir sees the cache read only.
        Files.createDirectories(LOCKS, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (ImageCache.Turn turn = ImageCache.Turn.take(LOCKS.resolve(image.hash() + ".import.lock"),
                () -> progress.line("podman: waiting while another run imports " + image.podmanTag()))) {
            if (!podman.imageExists(image.podmanTag())) {
                long started = System.nanoTime();
                podman.importImage(image.rootfsTar(), image.podmanTag());
                progress.line("podman: imported " + image.podmanTag() + " in " + millis(started) + " ms");
            }
        }
    }

    private List<String> runArguments(HostRecord record, String name, GuestImage image, Path files)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--name", name, "--hostname", HostNames.hostLabel(record.request()),
                "--label", "exekutir.request=" + record.request(), "--systemd=always",
                "--network=ns:" + Ip.namespaceFile(record.namespace())));
        arguments.addAll(settings.runOptions());
        if (settings.nested()) {
            arguments.addAll(nesting(image, files));
        }
        arguments.addAll(List.of(
                "--volume", files.resolve("root-ssh") + ":/root/.ssh:ro",
                "--volume", files.resolve("ssh_host_ed25519_key") + ":/etc/ssh/ssh_host_ed25519_key:ro",
                "--volume", files.resolve("ssh_host_ed25519_key.pub") + ":/etc/ssh/ssh_host_ed25519_key.pub:ro",
                image.podmanTag(), "/sbin/init"));
        return arguments;
    }

    /**
     * What a container needs to make containers itself (a kommandir of container peons): the
     * privileges of podman and {@code ip netns} (it is no throw-away host any more: it can
     * change this machine), storage of its own in the host's folder (destroyed with it), this
     * machine's images as a read-only image store, so its peons start from what this machine
     * imported without a copy, and the image cache at the same path, read only, where it finds
     * that the image is built — it has no route out to build anything.
     */
    private List<String> nesting(GuestImage image, Path files) throws IOException, InterruptedException {
        Path storage = Files.createDirectories(files.resolve("storage"));
        Path storageConf = files.resolve("storage.conf");
        HostKey.writeIfChanged(storageConf, """
                # Written by exekutir's podman provider: this container's own storage, and the
                # images of the machine it runs on, read only.
                [storage]
                driver = "overlay"
                graphroot = "/var/lib/containers/storage"
                runroot = "/run/containers/storage"

                [storage.options]
                additionalimagestores = ["%s"]
                """.formatted(MACHINE_IMAGES));
        Path cache = image.folder().getParent();
        return List.of("--privileged", "--volume", storage + ":/var/lib/containers",
                "--volume", podman.graphRoot() + ":" + MACHINE_IMAGES + ":ro",
                "--volume", storageConf + ":/etc/containers/storage.conf:ro",
                "--volume", cache + ":" + cache + ":ro");
    }

    private void awaitSsh(HostRecord record, String name, Progress progress) throws IOException, InterruptedException {
        OptionalLong took = SshBanner.await(record.hostAddress(), settings.bootTimeout(), 50,
                SshBanner.StillStarting.ALWAYS);
        if (took.isEmpty()) {
            throw new NetnsException("container " + name + " did not answer ssh on " + record.hostAddress()
                    + " within " + settings.bootTimeout().toSeconds() + " s (" + PodmanSettings.BOOT_TIMEOUT + ")"
                    + podman.logTail(name));
        }
        progress.line("podman: container " + name + " answers ssh on " + record.hostAddress() + " after "
                + took.getAsLong() + " ms");
    }

    @Override
    public boolean answers(HostRecord record, Path folder) throws IOException, InterruptedException {
        return SshBanner.answers(record.hostAddress());
    }

    @Override
    public boolean stop(HostNames names, Optional<HostRecord> record, Path folder)
            throws IOException, InterruptedException {
        // the container is named as the namespace it runs in
        String name = names.namespace();
        if (podman.state(name).isEmpty()) {
            return false;
        }
        podman.remove(name);
        return true;
    }

    @Override
    public String root(Path folder) {
        return GuestImage.REMOTE_ROOT;
    }

    @Override
    public Map<String, Object> vars(HostRecord record, Path folder) {
        return Map.of("podman_container", record.namespace());
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
