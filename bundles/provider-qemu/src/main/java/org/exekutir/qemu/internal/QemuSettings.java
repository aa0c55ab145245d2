package org.exekutir.qemu.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.host.SettingProblem;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.SettingValues;

/**
 * The provider's own settings (the network's are {@code netns_range} and {@code netns_root},
 * the image's {@code image_*}).
 *
 * @param memoryMib       each VM's memory ({@code qemu_memory}, MiB)
 * @param cpus            each VM's processors ({@code qemu_cpus})
 * @param accel           {@code auto}, {@code kvm} or {@code tcg} ({@code qemu_accel})
 * @param bootTimeout     how long until sshd answers ({@code qemu_boot_timeout}, seconds)
 * @param shutdownTimeout how long a running guest gets to power off ({@code qemu_shutdown_timeout})
 */
record QemuSettings(int memoryMib, int cpus, String accel, Duration bootTimeout, Duration shutdownTimeout) {

    static final String MEMORY = "qemu_memory";
    static final String CPUS = "qemu_cpus";
    static final String ACCEL = "qemu_accel";
    static final String BOOT_TIMEOUT = "qemu_boot_timeout";
    static final String SHUTDOWN_TIMEOUT = "qemu_shutdown_timeout";
    static final Set<String> NAMES = Set.of(MEMORY, CPUS, ACCEL, BOOT_TIMEOUT, SHUTDOWN_TIMEOUT);

    static QemuSettings from(Map<String, Object> settings) throws NetnsException {
        String accel = SettingValues.text(settings, ACCEL, "auto");
        if (!List.of("auto", "kvm", "tcg").contains(accel)) {
            throw new NetnsException(ACCEL + ": '" + accel + "' is none of auto, kvm, tcg");
        }
        return new QemuSettings((int) SettingValues.wholeNumber(settings, MEMORY, 512, 128, 1 << 20),
                (int) SettingValues.wholeNumber(settings, CPUS, 2, 1, 64), accel,
                SettingValues.seconds(settings, BOOT_TIMEOUT, Duration.ofSeconds(300), 1),
                SettingValues.seconds(settings, SHUTDOWN_TIMEOUT, Duration.ofSeconds(20), 0));
    }

    static List<SettingProblem> check(Map<String, Object> settings) {
        return SettingValues.problems(NAMES, ACCEL, () -> from(settings));
    }
}
