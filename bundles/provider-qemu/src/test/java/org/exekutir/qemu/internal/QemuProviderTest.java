package org.exekutir.qemu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.host.HostVars;
import org.exekutir.image.SuiteImages;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.PausedCreation;
import org.exekutir.netns.hosts.ProviderFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real qemu VM of the real guest image (the suite's cache; built here when it is empty):
 * booted (under emulation on machines without usable KVM), reached over ssh, changed by a
 * real playbook that installs a Debian package inside it, and destroyed with nothing left —
 * also after its creation was killed with SIGKILL once qemu had started.
 */
class QemuProviderTest {

    /** Not the netns or podman tests' range nor the providers' default. */
    static final String RANGE = "10.216.0.0/16";

    private ProviderFixture fixture;

    static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(SuiteImages.settings());
        settings.put("netns_range", RANGE);
        return settings;
    }

    @BeforeEach
    void world() throws Exception {
        fixture = new ProviderFixture(new QemuProvider(), settings());
    }

    @AfterEach
    void leaveNothing() throws Exception {
        fixture.close();
    }

    @Test
    void aVmIsBootedChangedByAPlaybookAndDestroyedWithNothingLeft() throws Exception {
        Path deb = SuiteImages.debianPackage("hello");
        assertFalse(Files.exists(Path.of("/usr/bin/hello")), "this test needs a machine without Debian's hello");
        String name = fixture.name("vm-1");
        HostVars vars = fixture.create(name);
        assertTrue(fixture.told.stream().anyMatch(line -> line.contains("qemu: booting " + name)), fixture.told.toString());

        ProviderFixture.Result inside = fixture.ssh(vars, "cat /proc/1/comm; hostname; uname -r; systemd-detect-virt");
        assertEquals(0, inside.exitCode(), inside.output());
        List<String> lines = List.of(inside.output().strip().split("\n"));
        assertEquals("systemd", lines.get(0));
        assertEquals(HostNames.hostLabel(name), lines.get(1), "the name handed over through fw_cfg");
        assertTrue(lines.get(2).endsWith("-amd64"), "Debian's kernel: " + lines);
        assertTrue(List.of("qemu", "kvm").contains(lines.get(3)), "a virtual machine: " + lines);

        ProviderFixture.Result playbook = fixture.installHelloInside(deb, List.of(vars));
        assertEquals(0, playbook.exitCode(), playbook.output());
        assertEquals("Hello, world!", fixture.ssh(vars, "cat /var/lib/exekutir/greeting.txt").output().strip());
        assertFalse(Files.exists(Path.of("/usr/bin/hello")), "the package went into the VM, not onto this machine");

        Path socket = QemuMachine.qmpSocket(HostNames.of(name).outerLink());
        List<ProcessHandle> qemu = QemuProcesses.of(socket);
        assertEquals(1, qemu.size(), "one qemu for the host");
        assertTrue(qemu.get(0).parent().map(parent -> parent.pid() == ProcessHandle.current().pid()).orElse(false),
                "qemu is a child of the provider's process, not daemonized");
        assertTrue(Files.isRegularFile(fixture.folder(name).resolve("qemu/overlay.qcow2")));
        assertTrue(Files.readString(fixture.folder(name).resolve("qemu/machine.properties"))
                .contains("qmp_socket=" + socket + "\n"), "what finds it again is recorded");

        long started = System.nanoTime();
        assertTrue(new QemuProvider().destroy(fixture.request(name)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "a running guest powers off in time");
        assertFalse(qemu.get(0).isAlive());
        assertNothingLeft(name);
        assertFalse(new QemuProvider().destroy(fixture.request(name)), "a host that is gone is destroyed");
    }

    @Test
    void aCreationKilledAfterQemuStartedIsDestroyedWithNothingLeft() throws Exception {
        String name = fixture.name("vm-killed");
        Map<String, Object> settings = new LinkedHashMap<>(settings());
        settings.put("netns_root", fixture.root.toString());
        Process creation = PausedCreation.start(QemuProvider.class, CreationObserver.HOST_STARTED, name,
                fixture.workspace, fixture.key, settings, List.of(QemuProvider.class, SuiteImages.class));
        creation.destroyForcibly();
        assertTrue(creation.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, creation.exitValue(), "killed by SIGKILL");
        Path socket = QemuMachine.qmpSocket(HostNames.of(name).outerLink());
        List<ProcessHandle> qemu = QemuProcesses.of(socket);
        // qemu was just started (nsenter, then setsid, then qemu itself, in one process)
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); qemu.isEmpty()
                && System.nanoTime() < deadline; qemu = QemuProcesses.of(socket)) {
            Thread.sleep(50);
        }
        Path log = fixture.folder(name).resolve("qemu/qemu.log");
        assertEquals(1, qemu.size(), () -> "qemu outlived the creation; its log: " + read(log));
        assertTrue(new QemuProvider().destroy(fixture.request(name)));
        assertFalse(qemu.get(0).isAlive());
        assertNothingLeft(name);
    }

    @Test
    void kvmIsUsedOnlyWhereItReallyWorks(@TempDir Path folder) throws Exception {
        Path withoutFlags = Files.writeString(folder.resolve("cpuinfo"), "processor\t: 0\nflags\t\t: fpu sse2 avx\n");
        Path withVmx = Files.writeString(folder.resolve("cpuinfo-vmx"), "processor\t: 0\nflags\t\t: fpu vmx sse2\n");
        Path device = Files.createFile(folder.resolve("kvm"));
        assertTrue(Accelerator.kvmUnusable(withoutFlags, device).contains("no vmx or svm"));
        assertTrue(Accelerator.kvmUnusable(withVmx, folder.resolve("absent")).contains("does not exist"));
        assertNull(Accelerator.kvmUnusable(withVmx, device));
        assertFalse(Accelerator.choose("auto", withoutFlags, device).kvm());
        assertTrue(Accelerator.choose("auto", withVmx, device).kvm());
        assertFalse(Accelerator.choose("tcg", withVmx, device).kvm());
        NetnsException refused = assertThrows(NetnsException.class, () -> Accelerator.choose("kvm", withoutFlags, device));
        assertTrue(refused.getMessage().startsWith("qemu_accel: kvm, but "), refused.getMessage());
    }

    @Test
    void badSettingsAreNamedBeforeAnythingIsMade() {
        QemuProvider provider = new QemuProvider();
        assertEquals("qemu_memory", provider.checkSettings(Map.of("qemu_memory", "lots")).get(0).setting());
        assertEquals("qemu_accel", provider.checkSettings(Map.of("qemu_accel", "xen")).get(0).setting());
        assertEquals(List.of(), provider.checkSettings(Map.of("qemu_cpus", 4, "qemu_accel", "tcg")));
        assertTrue(provider.settingNames().containsAll(List.of("qemu_boot_timeout", "image_packages", "netns_range")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }

    private void assertNothingLeft(String name) throws Exception {
        Path socket = QemuMachine.qmpSocket(HostNames.of(name).outerLink());
        assertEquals(List.of(), QemuProcesses.of(socket), "no qemu of the host left");
        assertFalse(Files.exists(socket), "no QMP socket left");
        assertEquals(List.of(), ProviderFixture.processesMentioning(fixture.folder(name).toString()));
        fixture.assertNetworkGone(name);
    }
}
