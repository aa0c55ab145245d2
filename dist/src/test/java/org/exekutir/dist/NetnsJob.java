package org.exekutir.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A job whose hosts are namespaced hosts (netns hosts running sshd on this machine, podman
 * containers or qemu VMs in network namespaces of their own), with a uuid of its own so that
 * what it leaves behind can be found: namespaces, containers, processes and folders carry the
 * uuid in their names.
 */
final class NetnsJob {

    /** The netns provider's default folder for its hosts. */
    static final Path NETNS_ROOT = Path.of("/var/tmp/exekutir-netns");

    final String uuid = "e2e-" + UUID.randomUUID().toString().substring(0, 13);
    final Path workspace;

    NetnsJob(Path workspace) {
        this.workspace = workspace;
    }

    /** Writes exekutir_vars.yml: a netns kommandir, stonith, the given job and more lines. */
    NetnsJob settings(Path jobPath, String... more) {
        return settings("netns", jobPath, more);
    }

    /** Writes exekutir_vars.yml: a kommandir of the provider, stonith, the given job and more lines. */
    NetnsJob settings(String kommandirProvider, Path jobPath, String... more) {
        StringBuilder text = new StringBuilder("uuid: \"" + uuid + "\"\nkommandir_provider: " + kommandirProvider
                + "\nstonith: true\njob_path: \"" + jobPath + "\"\n");
        for (String line : more) {
            text.append(line).append('\n');
        }
        Exekutir.write(workspace.resolve("exekutir_vars.yml"), text.toString());
        return this;
    }

    /** The kommandir's exekutir_root on this machine (netns hosts share the file system). */
    Path kommandirRoot() {
        return NETNS_ROOT.resolve(uuid + "-kommandir").resolve("root");
    }

    /** What is left of this job's hosts: containers, namespaces, processes, folders. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        containers().forEach(name -> left.add("container " + name));
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (line.contains(uuid)) {
                left.add("namespace " + line.strip());
            }
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(uuid))
                .forEach(p -> left.add("process " + p.pid() + " " + p.info().commandLine().orElse("")));
        if (Files.isDirectory(NETNS_ROOT)) {
            try (Stream<Path> folders = Files.list(NETNS_ROOT)) {
                folders.filter(f -> f.getFileName().toString().contains(uuid)).forEach(f -> left.add("folder " + f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return left;
    }

    /**
     * After a test, whatever happened: cleanup with stonith, then by force what is still
     * there, so a failed test leaves nothing on the machine.
     */
    void tearDown() {
        if (leftovers().isEmpty()) {
            return;
        }
        try {
            String settings = Files.readString(workspace.resolve("exekutir_vars.yml"));
            if (!settings.contains("stonith: true")) {
                Files.writeString(workspace.resolve("exekutir_vars.yml"), settings + "\nstonith: true\n");
            }
        } catch (IOException ignored) {
            // the cleanup below still runs
        }
        new Exekutir().run("cleanup", workspace.toString(), Exekutir.HOME.resolve("exekutir.xn").toString());
        containers().forEach(name -> run("podman", "rm", "--force", "--time", "0", name));
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(uuid))
                .forEach(ProcessHandle::destroyForcibly);
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (line.contains(uuid)) {
                run("ip", "netns", "delete", line.strip().split(" ")[0]);
            }
        }
        if (Files.isDirectory(NETNS_ROOT)) {
            try (Stream<Path> folders = Files.list(NETNS_ROOT)) {
                for (Path folder : folders.filter(f -> f.getFileName().toString().contains(uuid)).toList()) {
                    deleteTree(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** This job's podman containers on this machine (none where podman is not installed). */
    List<String> containers() {
        if (!Files.isExecutable(Path.of("/usr/bin/podman"))) {
            return List.of();
        }
        return run("podman", "ps", "--all", "--format", "{{.Names}}").lines().filter(name -> name.contains(uuid)).toList();
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every file under the workspace whose content is a private key (judged by its first line). */
    List<String> privateKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] head = new byte[64];
                int n;
                try (var in = Files.newInputStream(file)) {
                    n = in.read(head);
                }
                if (n > 0 && new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY-----")) {
                    keys.add(workspace.relativize(file).toString());
                }
            }
        }
        return keys;
    }
}
