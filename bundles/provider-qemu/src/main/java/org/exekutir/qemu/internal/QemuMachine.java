package org.exekutir.qemu.internal;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import org.exekutir.image.GuestImage;
import org.exekutir.image.ImageSource;
import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostKey;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.HostRecord;
import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.Ip;
import org.exekutir.netns.hosts.Ipv4Range;
import org.exekutir.netns.hosts.JobKey;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.Programs;
import org.exekutir.netns.hosts.SshBanner;

/**
 * A qemu host's service: a VM booting Debian's kernel and the guest image's small initrd
 * directly, its disk an overlay of the image's in the host's folder, its network card on a
 * tap bridged to the host's veth inside the host's namespace (the VM owns the host's
 * address), its name, address and keys handed over through {@code fw_cfg}.
 *
 * <p>qemu is started by this process (never {@code -daemonize}), in a session of its own so
 * a Ctrl-C of the job does not reach it, and outlives it as a host must. What finds it again
 * is written before it starts: its QMP socket, which names it on its command line, and the
 * overlay, in the host's folder. Stopping asks the guest to power off (bounded), then qemu to
 * quit over QMP, then kills it.
 */
final class QemuMachine implements HostService {

    /** Where the QMP sockets live: a socket's path must be short (108 bytes), a host's folder may not be. */
    static final Path SOCKETS = Path.of("/run/exekutir-qemu");
    private static final String BRIDGE = "exkbr";
    private static final String TAP = "exktap";
    private static final long AFTER_QUIT_MILLIS = 5_000;
    /** Written before qemu starts: its QMP socket (which names it), its overlay and pid file. */
    static final String MACHINE_RECORD = "machine.properties";

    private final Commands commands;
    private final Ip ip;
    private final QemuSettings settings;
    private final ImageSource images;
    private final CreationObserver observer;

    QemuMachine(Commands commands, Ip ip, QemuSettings settings, ImageSource images, CreationObserver observer) {
        this.commands = commands;
        this.ip = ip;
        this.settings = settings;
        this.images = images;
        this.observer = observer;
    }

    static Path qmpSocket(String outerLink) {
        return SOCKETS.resolve(outerLink + ".qmp");
    }

    @Override
    public boolean addressInNamespace() {
        return false;
    }

    @Override
    public void ensureRunning(HostRecord record, JobKey key, Path folder, Progress progress)
            throws IOException, InterruptedException {
        Path files = Files.createDirectories(folder.resolve("qemu"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        writeGuestSettings(record, key, files);
        Path socket = qmpSocket(record.outerLink());
        if (!QemuProcesses.of(socket).isEmpty()) {
            if (awaitSsh(record, socket, files, progress)) {
                return;
            }
            stop(HostNames.of(record.request()), Optional.of(record), folder);
        }
        GuestImage image = images.obtain(progress);
        bridge(record);
        Path overlay = overlay(image, files);
        Accelerator accelerator = Accelerator.choose(settings.accel(), Path.of("/proc/cpuinfo"), Path.of("/dev/kvm"));
        Files.createDirectories(SOCKETS, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.deleteIfExists(socket);
        // Before it starts: what finds it again, whatever happens to this process from now on.
        HostKey.writeIfChanged(files.resolve(MACHINE_RECORD), "# exekutir qemu host: what destruction finds it by\n"
                + "qmp_socket=" + socket + "\noverlay=" + overlay + "\npid_file=" + files.resolve("qemu.pid") + "\n");
        progress.line("qemu: booting " + record.request() + " (" + accelerator.reason() + ", " + settings.cpus()
                + " cpus, " + settings.memoryMib() + " MiB)");
        start(command(record, image, overlay, files, socket, accelerator), files);
        observer.reached(CreationObserver.HOST_STARTED);
        if (!awaitSsh(record, socket, files, progress)) {
            throw new NetnsException("VM " + record.request() + " did not answer ssh on " + record.hostAddress()
                    + " within " + settings.bootTimeout().toSeconds() + " s (" + QemuSettings.BOOT_TIMEOUT + ")"
                    + tail(files.resolve("console.log")));
        }
    }

    /** What the guest's exekutir-guest unit reads from fw_cfg before sshd starts. */
    private void writeGuestSettings(HostRecord record, JobKey key, Path files) throws IOException, InterruptedException {
        Path guest = Files.createDirectories(files.resolve("fw_cfg"));
        HostKey.ensure(commands, guest.resolve("host_key"), "exekutir-qemu " + record.request());
        HostKey.writeIfChanged(guest.resolve("authorized_keys"), key.publicKey().strip() + "\n");
        HostKey.writeIfChanged(guest.resolve("hostname"), HostNames.hostLabel(record.request()) + "\n");
        HostKey.writeIfChanged(guest.resolve("address"), record.hostAddress() + "/" + Ipv4Range.HOST_PREFIX + "\n");
    }

    /** Inside the namespace: the veth and the VM's tap on one bridge; the namespace itself has no address. */
    private void bridge(HostRecord record) throws IOException, InterruptedException {
        String namespace = record.namespace();
        if (!ip.linkExistsIn(namespace, BRIDGE)) {
            ip.checkIn(namespace, "link", "add", BRIDGE, "type", "bridge");
        }
        if (!ip.linkExistsIn(namespace, TAP)) {
            ip.checkIn(namespace, "tuntap", "add", "dev", TAP, "mode", "tap");
        }
        ip.checkIn(namespace, "link", "set", "dev", record.innerLink(), "master", BRIDGE);
        ip.checkIn(namespace, "link", "set", "dev", TAP, "master", BRIDGE);
        for (String link : List.of(TAP, record.innerLink(), BRIDGE)) {
            ip.linkUpIn(namespace, link);
        }
    }

    /** The VM's disk: what it changes stays in the host's folder, the image is never written. */
    private Path overlay(GuestImage image, Path files) throws IOException, InterruptedException {
        Path overlay = files.resolve("overlay.qcow2");
        if (!Files.isRegularFile(overlay)) {
            Path temporary = files.resolve("overlay.qcow2.new");
            Files.deleteIfExists(temporary);
            commands.check(List.of(Programs.locate("qemu-img", "qemu-utils").toString(), "create", "-q", "-f", "qcow2",
                    "-F", "raw", "-b", image.disk().toString(), temporary.toString()));
            Files.move(temporary, overlay, StandardCopyOption.ATOMIC_MOVE);
        }
        return overlay;
    }

    private List<String> command(HostRecord record, GuestImage image, Path overlay, Path files, Path socket,
            Accelerator accelerator) throws NetnsException {
        Path guest = files.resolve("fw_cfg");
        List<String> command = new ArrayList<>(List.of(
                Programs.locate("nsenter", "util-linux").toString(), "--net=" + Ip.namespaceFile(record.namespace()), "--",
                Programs.locate("setsid", "util-linux").toString(),
                Programs.locate("qemu-system-x86_64", "qemu-system-x86").toString(),
                "-name", "exekutir-" + HostNames.hostLabel(record.request()),
                "-machine", "q35,accel=" + (accelerator.kvm() ? "kvm" : "tcg"),
                "-cpu", accelerator.kvm() ? "host" : "max",
                "-smp", Integer.toString(settings.cpus()), "-m", Integer.toString(settings.memoryMib()),
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-serial", "file:" + files.resolve("console.log"),
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-append", "root=/dev/vda rw console=ttyS0 net.ifnames=0 panic=-1 quiet",
                "-drive", "file=" + overlay + ",if=virtio,format=qcow2",
                "-netdev", "tap,id=net0,ifname=" + TAP + ",script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=net0,mac=" + mac(record.outerLink()),
                "-device", "virtio-rng-pci",
                "-qmp", "unix:" + socket + ",server=on,wait=off",
                "-pidfile", files.resolve("qemu.pid").toString()));
        for (String name : List.of("hostname", "address", "authorized_keys", "host_key")) {
            command.addAll(List.of("-fw_cfg", "name=" + GuestImage.FW_CFG_PREFIX + name + ",file=" + guest.resolve(name)));
        }
        return command;
    }

    private static void start(List<String> command, Path files) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.resolve("qemu.log").toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", Commands.PATH, "LC_ALL", "C"));
        builder.start();
    }

    /** @return whether ssh answered in time; a qemu that ended is a failure at once */
    private boolean awaitSsh(HostRecord record, Path socket, Path files, Progress progress)
            throws IOException, InterruptedException {
        OptionalLong took = SshBanner.await(record.hostAddress(), settings.bootTimeout(), 200, () -> {
            if (QemuProcesses.of(socket).isEmpty()) {
                throw new NetnsException("qemu of " + record.request() + " ended before the guest answered ssh"
                        + tail(files.resolve("qemu.log")) + tail(files.resolve("console.log")));
            }
        });
        took.ifPresent(millis -> progress.line("qemu: " + record.request() + " answers ssh on " + record.hostAddress()
                + " after " + millis + " ms"));
        return took.isPresent();
    }

    @Override
    public boolean answers(HostRecord record, Path folder) throws IOException, InterruptedException {
        return !QemuProcesses.of(qmpSocket(record.outerLink())).isEmpty() && SshBanner.answers(record.hostAddress());
    }

    @Override
    public boolean stop(HostNames names, Optional<HostRecord> record, Path folder)
            throws IOException, InterruptedException {
        Path socket = recordedSocket(folder)
                .orElse(qmpSocket(record.map(HostRecord::outerLink).orElse(names.outerLink())));
        List<ProcessHandle> running = QemuProcesses.of(socket);
        if (!running.isEmpty()) {
            boolean guestUp = record.isPresent() && SshBanner.answers(record.get().hostAddress());
            // A guest still booting ignores the power button: ask only one that is up.
            if (guestUp && !settings.shutdownTimeout().isZero() && Qmp.send(socket, "system_powerdown")) {
                QemuProcesses.awaitEnd(running, settings.shutdownTimeout().toMillis());
            }
            if (!QemuProcesses.allEnded(running)) {
                Qmp.send(socket, "quit");
                QemuProcesses.awaitEnd(running, AFTER_QUIT_MILLIS);
            }
            QemuProcesses.kill(running);
        }
        Files.deleteIfExists(socket);
        return !running.isEmpty();
    }

    /** The socket the machine record names; a VM of a later version may put it elsewhere. */
    private static Optional<Path> recordedSocket(Path folder) {
        Properties recorded = new Properties();
        try (Reader reader = Files.newBufferedReader(folder.resolve("qemu").resolve(MACHINE_RECORD))) {
            recorded.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(recorded.getProperty("qmp_socket")).filter(path -> path.startsWith("/")).map(Path::of);
    }

    @Override
    public String root(Path folder) {
        return GuestImage.REMOTE_ROOT;
    }

    @Override
    public Map<String, Object> vars(HostRecord record, Path folder) {
        return Map.of("qemu_qmp_socket", qmpSocket(record.outerLink()).toString());
    }

    /** A locally administered MAC address, the same for the same host. */
    static String mac(String outerLink) {
        int hash = outerLink.hashCode();
        return String.format("52:54:00:%02x:%02x:%02x", (hash >> 16) & 0xff, (hash >> 8) & 0xff, hash & 0xff);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 8), lines.size());
            return tail.isEmpty() ? "" : "; the end of " + log + ":\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "";
        }
    }
}
