package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.netns.hosts.HostNames;

/**
 * One test's world: a random id in every name, its own netns_root and workspace (with a key
 * pair made by ssh-keygen), and the list of hosts to destroy whatever happens in the test.
 */
final class Fixture implements AutoCloseable {

    /** Not the provider's default, so the tests never meet the hosts of a real job. */
    static final String RANGE = "10.214.0.0/16";

    final String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    final Path base;
    final Path root;
    final Path workspace;
    final Path key;
    final NetnsProvider provider = new NetnsProvider();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final List<String> ownNamespaces = new ArrayList<>();

    Fixture() throws IOException, InterruptedException {
        base = Files.createTempDirectory("netns-test-" + id + "-");
        root = base.resolve("hosts");
        workspace = Files.createDirectories(base.resolve("workspace"));
        Files.createDirectories(workspace.resolve("ssh"));
        key = workspace.resolve("ssh/exekutir_key");
        Machine.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-" + id, "-f", key.toString());
    }

    /** A request name as the steps make it: the job's uuid, then the inventory name. */
    String name(String inventoryName) {
        String name = "t" + id + "-" + inventoryName;
        names.add(name);
        return name;
    }

    HostRequest request(String name) {
        names.add(name);
        return NetnsMain.request(name, root, RANGE, workspace);
    }

    HostRequest request(String name, String range) {
        names.add(name);
        return NetnsMain.request(name, root, range, workspace);
    }

    HostVars create(String name) throws IOException, InterruptedException {
        return provider.discoverOrCreate(request(name));
    }

    Path folder(String name) {
        return root.resolve(name);
    }

    /** A namespace of the test's own (not the provider's), deleted on close. */
    String ownNamespace() throws IOException, InterruptedException {
        String namespace = "xt-" + id + "-" + ownNamespaces.size();
        Machine.run("ip", "netns", "add", namespace);
        ownNamespaces.add(namespace);
        return namespace;
    }

    /** The OpenSSH client, as a user would call it, with the job's key and known-hosts file. */
    Machine.Result ssh(HostVars vars, String... command) throws IOException, InterruptedException {
        return Machine.attempt(sshCommand(vars, command));
    }

    String[] sshCommand(HostVars vars, String... command) {
        List<String> all = new ArrayList<>(List.of("ssh", "-i", key.toString(), "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + workspace.resolve("ssh/known_hosts"),
                "-o", "StrictHostKeyChecking=accept-new", "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR",
                "-p", vars.string(HostVars.PORT).orElseThrow(),
                vars.user().orElseThrow() + "@" + vars.address().orElseThrow()));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    /** Asserts, as a person would check, that nothing of the host is left on the machine. */
    void assertGone(String name) throws IOException, InterruptedException {
        HostNames names = HostNames.of(name);
        assertFalse(Machine.namespaces().contains(names.namespace()), "namespace " + names.namespace() + " left");
        assertFalse(Machine.links().contains(names.outerLink()), "link " + names.outerLink() + " left");
        assertTrue(Machine.processesMentioning(folder(name).toString()).isEmpty(),
                "processes of " + name + " left: " + Machine.processesMentioning(folder(name).toString()));
        assertFalse(Files.exists(folder(name)), "folder " + folder(name) + " left");
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
        for (String namespace : ownNamespaces) {
            for (String pid : Machine.attempt("ip", "netns", "pids", namespace).output().split("\n")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            Machine.attempt("ip", "netns", "delete", namespace);
        }
        org.exekutir.sync.files.Folders.deleteRecursively(base);
        if (failure != null) {
            throw failure;
        }
    }

    static Map<String, Object> settings(String range, Path root) {
        return Map.of("netns_range", range, "netns_root", root.toString());
    }
}
