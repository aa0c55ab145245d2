package org.exekutir.netns.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.exekutir.sync.files.Folders;

/**
 * One test's world for a provider of namespaced hosts (podman, qemu): a random id in every
 * name, its own {@code netns_root} and workspace with a key pair made by ssh-keygen, what the
 * provider told, the real ssh and ansible-playbook as a user runs them, and every host it
 * named destroyed on close whatever happened.
 */
public final class ProviderFixture implements AutoCloseable {

    public final String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    public final Path base;
    public final Path root;
    public final Path workspace;
    public final Path key;
    public final List<String> told = new CopyOnWriteArrayList<>();
    private final VmProvider provider;
    private final Map<String, Object> settings;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** @param settings the provider's settings beyond netns_root; netns_range among them */
    public ProviderFixture(VmProvider provider, Map<String, Object> settings) throws IOException, InterruptedException {
        this.provider = provider;
        base = Files.createTempDirectory("hosts-test-" + id + "-");
        root = base.resolve("hosts");
        workspace = Files.createDirectories(base.resolve("workspace"));
        Files.createDirectories(workspace.resolve("ssh"));
        key = workspace.resolve("ssh/exekutir_key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-" + id, "-f", key.toString()));
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put(NetnsSettings.ROOT, root.toString());
        this.settings = Map.copyOf(all);
    }

    /** A request name as the steps make it: the job's uuid, then the inventory name. */
    public String name(String inventoryName) {
        String name = "t" + id + "-" + inventoryName;
        names.add(name);
        return name;
    }

    public HostRequest request(String name) {
        names.add(name);
        return HostRequest.of(name, workspace, settings,
                HostVars.of(name, Map.of(HostVars.PRIVATE_KEY_FILE, key.toString())))
                .withProgress(line -> told.add(name + ": " + line));
    }

    public HostVars create(String name) throws IOException, InterruptedException {
        return provider.discoverOrCreate(request(name));
    }

    public Path folder(String name) throws NetnsException {
        return root.resolve(HostNames.of(name).folder());
    }

    /** The OpenSSH client, as a user would call it, with the job's key and known-hosts file. */
    public Result ssh(HostVars vars, String command) throws IOException, InterruptedException {
        return run(List.of("ssh", "-i", key.toString(), "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + workspace.resolve("ssh/known_hosts"),
                "-o", "StrictHostKeyChecking=accept-new", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
                "-p", vars.string(HostVars.PORT).orElseThrow(),
                vars.user().orElseThrow() + "@" + vars.address().orElseThrow(), command));
    }

    /** The real ansible-playbook on the hosts, with their returned variables as host_vars. */
    public Result ansible(String playbook, List<HostVars> hosts) throws IOException, InterruptedException {
        Path inventory = Files.createDirectories(workspace.resolve("inventory/host_vars"));
        Files.writeString(workspace.resolve("inventory/hosts"), hosts.stream().map(HostVars::name)
                .collect(Collectors.joining("\n", "[peons]\n", "\n")));
        for (HostVars vars : hosts) {
            Files.writeString(inventory.resolve(vars.name() + ".yml"), vars.values().entrySet().stream()
                    .map(entry -> entry.getKey() + ": '" + entry.getValue().toString().replace("'", "''") + "'")
                    .collect(Collectors.joining("\n", "---\n", "\n")));
        }
        Path file = workspace.resolve("playbook.yml");
        Files.writeString(file, playbook);
        Path log = base.resolve("ansible.log");
        ProcessBuilder ansible = new ProcessBuilder("ansible-playbook", "-i", workspace.resolve("inventory").toString(),
                file.toString()).redirectErrorStream(true)
                // to a file, not a pipe: Ansible's ControlPersist ssh master keeps a pipe open for 60 s
                .redirectOutput(log.toFile());
        ansible.environment().putAll(Map.of("ANSIBLE_SSH_CONTROL_PATH_DIR", base.resolve("cp").toString(),
                "ANSIBLE_LOCAL_TEMP", base.resolve("tmp").toString(), "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_HOST_KEY_CHECKING", "False"));
        int code = ansible.start().waitFor();
        return new Result(code, Files.readString(log));
    }

    /**
     * A playbook that installs a Debian package inside the hosts from its .deb (they have no
     * route out), runs its program and keeps what it printed in each host's
     * {@code exekutir_root}/greeting.txt; for Debian's {@code hello}.
     */
    public Result installHelloInside(Path deb, List<HostVars> hosts) throws IOException, InterruptedException {
        return ansible("""
                - hosts: peons
                  gather_facts: false
                  tasks:
                    - copy: {src: "%s", dest: /tmp/hello.deb}
                    - apt: {deb: /tmp/hello.deb}
                    - command: hello
                      register: greeting
                    - copy: {content: "{{ greeting.stdout }}", dest: "{{ exekutir_root }}/greeting.txt"}
                """.formatted(deb), hosts);
    }

    /** Asserts, as a person would check, that the host's network and folder are gone. */
    public void assertNetworkGone(String name) throws IOException, InterruptedException {
        HostNames hostNames = HostNames.of(name);
        assertFalse(Files.exists(Path.of("/run/netns", hostNames.namespace())), "namespace " + hostNames.namespace()
                + " left");
        assertEquals(1, run(List.of("ip", "link", "show", "dev", hostNames.outerLink())).exitCode(),
                "link " + hostNames.outerLink() + " left");
        assertFalse(Files.exists(folder(name)), "folder " + folder(name) + " left");
    }

    /** The pids of processes whose command line mentions the text. */
    public static List<Long> processesMentioning(String text) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var folders = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path folder : folders) {
                try {
                    String commandLine = Files.readString(folder.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (commandLine.contains(text)) {
                        pids.add(Long.parseLong(folder.getFileName().toString()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // a process that ended meanwhile
                }
            }
        }
        pids.remove(ProcessHandle.current().pid());
        return pids;
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command + " hung");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (String name : names) {
            try {
                provider.destroy(request(name));
            } catch (Exception e) {
                failure = e;
            }
        }
        Folders.deleteRecursively(base);
        if (failure != null) {
            throw failure;
        }
    }
}
