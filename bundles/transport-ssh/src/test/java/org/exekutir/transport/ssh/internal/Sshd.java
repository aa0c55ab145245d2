package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exekutir.api.host.HostVars;
import org.exekutir.sync.testing.Trees;

/**
 * A private OpenSSH {@code sshd} for tests: 127.0.0.1 on a free port, its own host key and
 * client key in a folder with a random name, its own {@code authorized_keys}. {@link #close()}
 * stops it and deletes the folder.
 */
final class Sshd implements AutoCloseable {

    private final Path folder;
    private final int port;
    private Process process;

    private Sshd(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    static Sshd start() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("exekutir-sshd-" + UUID.randomUUID().toString().substring(0, 8) + "-");
        Sshd sshd = new Sshd(folder, freePort());
        try {
            sshd.keygen("client_key");
            Files.copy(folder.resolve("client_key.pub"), folder.resolve("authorized_keys"));
            sshd.newHostKey();
            sshd.launch();
            return sshd;
        } catch (IOException | InterruptedException | RuntimeException e) {
            sshd.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void keygen(String name) throws IOException, InterruptedException {
        Files.deleteIfExists(folder.resolve(name));
        Files.deleteIfExists(folder.resolve(name + ".pub"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "exekutir-test", "-f",
                folder.resolve(name).toString()));
    }

    /** Replaces the host key (takes effect at the next {@link #restart()}). */
    void newHostKey() throws IOException, InterruptedException {
        keygen("host_key");
    }

    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = folder.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + folder.resolve("host_key"),
                "AuthorizedKeysFile " + folder.resolve("authorized_keys"),
                "PidFile " + folder.resolve("sshd.pid"),
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "MaxStartups 100",
                "MaxSessions 100",
                "LogLevel " + System.getProperty("sshd.loglevel", "ERROR"),
                ""));
        String sshd = Files.exists(Path.of("/usr/sbin/sshd")) ? "/usr/sbin/sshd" : "sshd";
        process = new ProcessBuilder(sshd, "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd did not start: " + Files.readString(folder.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 10 s");
    }

    /** Kills every connection's sshd process (the listener stays): connections drop mid-flight. */
    int dropConnections() {
        List<ProcessHandle> children = process.toHandle().children().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        return children.size();
    }

    int port() {
        return port;
    }

    Path folder() {
        return folder;
    }

    /** Host variables that reach this sshd as the current user, recording host keys in {@code knownHosts}. */
    HostVars host(Path knownHosts) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(HostVars.ADDRESS, "127.0.0.1");
        vars.put(HostVars.PORT, port);
        vars.put(HostVars.USER, System.getProperty("user.name"));
        vars.put(HostVars.PRIVATE_KEY_FILE, folder.resolve("client_key").toString());
        vars.put(HostVars.KNOWN_HOSTS_FILE, knownHosts.toString());
        vars.put(HostVars.TRANSPORT, "ssh");
        return HostVars.of("kommandir", vars);
    }

    String hostKeyLine() throws IOException {
        return Files.readString(folder.resolve("host_key.pub"), StandardCharsets.UTF_8).strip();
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        Trees.deleteTree(folder);
    }
}
