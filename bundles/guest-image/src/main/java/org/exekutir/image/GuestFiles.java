package org.exekutir.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * What exekutir adds to a Debian root file system so that one image serves every host:
 * no host keys of its own (each host gets its own), the remote workspace root, and a unit
 * that, in a VM, takes the host's name, address, authorized key and host key from qemu's
 * {@code fw_cfg} before sshd starts. In a container the provider mounts the keys instead,
 * and the unit is skipped ({@code ConditionVirtualization=vm}). udev does not run in a
 * container: in a privileged one (a nested kommandir) it would apply its link policy to the
 * host's veth and give it a new MAC address, which the other end keeps sending to until its
 * neighbour entry goes stale, half a minute later.
 */
final class GuestFiles {

    private static final String SCRIPT = """
            #!/bin/sh
            # Written by exekutir's image builder: configures this VM from what its host handed it
            # through qemu's fw_cfg (opt/exekutir/*), before sshd starts.
            set -eu
            modprobe qemu_fw_cfg 2>/dev/null || true
            settings=/sys/firmware/qemu_fw_cfg/by_name/opt/exekutir
            [ -d "$settings" ] || exit 0
            # udev may not have made the network card yet (a slow, emulated boot): wait for it
            modprobe virtio_net 2>/dev/null || true
            waited=0
            while [ ! -e /sys/class/net/eth0 ] && [ "$waited" -lt 1200 ]; do
                sleep 0.1
                waited=$((waited + 1))
            done
            get() { cat "$settings/$1/raw"; }
            name=$(get hostname)
            hostname "$name"
            echo "$name" > /etc/hostname
            install -d -m 0700 /root/.ssh
            get authorized_keys > /root/.ssh/authorized_keys
            (umask 077 && get host_key > /etc/ssh/ssh_host_ed25519_key)
            ip link set lo up
            ip link set eth0 up
            ip address replace "$(get address)" dev eth0
            """;

    private static final String UNIT = """
            # Written by exekutir's image builder.
            [Unit]
            Description=exekutir guest settings from qemu fw_cfg
            DefaultDependencies=no
            After=systemd-udevd.service systemd-udev-trigger.service local-fs.target
            Before=ssh.service network-pre.target
            Wants=network-pre.target
            ConditionVirtualization=vm

            [Service]
            Type=oneshot
            RemainAfterExit=yes
            ExecStart=/usr/local/sbin/exekutir-guest

            [Install]
            WantedBy=multi-user.target
            """;

    private static final String NO_UDEV_IN_CONTAINERS = """
            # Written by exekutir's image builder: no device management inside a container.
            [Unit]
            ConditionVirtualization=!container
            """;

    private GuestFiles() {
    }

    static void writeInto(Path rootfs) throws IOException {
        Path script = rootfs.resolve("usr/local/sbin/exekutir-guest");
        Files.createDirectories(script.getParent());
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = rootfs.resolve("etc/systemd/system/exekutir-guest.service");
        Files.writeString(unit, UNIT, StandardCharsets.UTF_8);
        Path wants = Files.createDirectories(rootfs.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.deleteIfExists(wants.resolve("exekutir-guest.service"));
        Files.createSymbolicLink(wants.resolve("exekutir-guest.service"), Path.of("/etc/systemd/system/exekutir-guest.service"));
        for (String udev : List.of("systemd-udevd.service", "systemd-udev-trigger.service",
                "systemd-udev-settle.service")) {
            Path dropIn = Files.createDirectories(rootfs.resolve("etc/systemd/system/" + udev + ".d"));
            Files.writeString(dropIn.resolve("exekutir.conf"), NO_UDEV_IN_CONTAINERS, StandardCharsets.UTF_8);
        }
        try (DirectoryStream<Path> keys = Files.newDirectoryStream(rootfs.resolve("etc/ssh"), "ssh_host_*")) {
            for (Path key : keys) {
                Files.delete(key);
            }
        }
        Path root = rootfs.resolve(GuestImage.REMOTE_ROOT.substring(1));
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(rootfs.resolve("etc/hostname"), "exekutir-guest\n", StandardCharsets.UTF_8);
    }
}
