package org.exekutir.podman.internal;

import java.time.Duration;
import java.util.ArrayList;
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
 * @param globalOptions options before podman's command ({@code podman_options})
 * @param runOptions    options of {@code podman run} ({@code podman_run_options})
 * @param bootTimeout   how long a container may take until sshd answers ({@code podman_boot_timeout})
 * @param nested        whether containers may run this provider themselves ({@code podman_nested}):
 *                      a kommandir that makes container peons
 */
record PodmanSettings(List<String> globalOptions, List<String> runOptions, Duration bootTimeout, boolean nested) {

    static final String OPTIONS = "podman_options";
    static final String RUN_OPTIONS = "podman_run_options";
    static final String BOOT_TIMEOUT = "podman_boot_timeout";
    static final String NESTED = "podman_nested";
    static final Set<String> NAMES = Set.of(OPTIONS, RUN_OPTIONS, BOOT_TIMEOUT, NESTED);

    /**
     * What works where systemd is not PID 1 and the cgroup layout is hybrid (CI sandboxes):
     * cgroups managed by podman itself, events to a file, runc (crun refuses the hybrid layout).
     */
    static final List<String> DEFAULT_OPTIONS = List.of("--cgroup-manager=cgroupfs", "--events-backend=file",
            "--runtime=runc");
    /**
     * Limits within what a process without CAP_SYS_RESOURCE may set; a cgroup namespace of the
     * container's own, so its systemd sees only its own hierarchy (and a nested kommandir's
     * containers can mount theirs: with the machine's, runc fails on cgroup v1).
     */
    static final List<String> DEFAULT_RUN_OPTIONS = List.of("--ulimit=nofile=16384:16384",
            "--ulimit=nproc=32768:32768", "--cgroupns=private");
    /** Generous: a privileged (nested) container was seen to take up to 50 s before sshd greets. */
    static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofSeconds(180);

    static PodmanSettings from(Map<String, Object> settings) throws NetnsException {
        return new PodmanSettings(options(settings, OPTIONS, DEFAULT_OPTIONS),
                options(settings, RUN_OPTIONS, DEFAULT_RUN_OPTIONS),
                SettingValues.seconds(settings, BOOT_TIMEOUT, DEFAULT_BOOT_TIMEOUT, 1),
                SettingValues.flag(settings, NESTED));
    }

    static List<SettingProblem> check(Map<String, Object> settings) {
        return SettingValues.problems(NAMES, OPTIONS, () -> from(settings));
    }

    /** A YAML list of options, each one argument; or one string split at spaces. */
    private static List<String> options(Map<String, Object> settings, String key, List<String> otherwise)
            throws NetnsException {
        Object value = settings.get(key);
        if (value == null || value.toString().isBlank()) {
            return otherwise;
        }
        List<String> options = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> options.add(String.valueOf(item)));
        } else {
            options.addAll(List.of(value.toString().strip().split("\\s+")));
        }
        for (String option : options) {
            if (!option.startsWith("-")) {
                throw new NetnsException(key + ": '" + option + "' is not an option (each starts with '-'; write"
                        + " an option and its value as one item: --name=value)");
            }
        }
        return List.copyOf(options);
    }
}
