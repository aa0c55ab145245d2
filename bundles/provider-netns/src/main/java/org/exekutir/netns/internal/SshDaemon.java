package org.exekutir.netns.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.HostKey;
import org.exekutir.netns.hosts.Ip;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.Programs;
import org.exekutir.netns.hosts.SshBanner;

/**
 * The real OpenSSH {@code sshd} of one host: its own configuration, host key and authorized
 * key in {@code <host folder>/sshd/}, started inside the host's network namespace with
 * {@code nsenter --net} (the machine's mount namespace stays, so the host sees the same files),
 * listening only on the host's address.
 */
final class SshDaemon {

    static final int PORT = 22;
    private static final Path PRIVILEGE_SEPARATION = Path.of("/run/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Commands commands;
    private final Programs programs;
    private final Path sshd;
    private final Path folder;

    SshDaemon(Commands commands, Programs programs, Path hostFolder) throws NetnsException {
        this.commands = commands;
        this.programs = programs;
        this.sshd = Programs.locate("sshd", "openssh-server");
        this.folder = hostFolder.resolve("sshd");
    }

    Path config() {
        return folder.resolve("sshd_config");
    }

    Path hostKey() {
        return folder.resolve("ssh_host_ed25519_key");
    }

    Path authorizedKeys() {
        return folder.resolve("authorized_keys");
    }

    Path pidFile() {
        return folder.resolve("sshd.pid");
    }

    Path log() {
        return folder.resolve("sshd.log");
    }

    /** Writes what sshd reads; keeps an existing host key, so the host's identity survives repairs. */
    void prepare(String address, String publicKey, String comment) throws IOException, InterruptedException {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        HostKey.ensure(commands, hostKey(), comment);
        HostKey.writeIfChanged(authorizedKeys(), publicKey.strip() + "\n");
        HostKey.writeIfChanged(config(), configuration(address));
        if (!Files.isDirectory(PRIVILEGE_SEPARATION)) {
            Files.createDirectories(PRIVILEGE_SEPARATION,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    String configuration(String address) {
        return "# sshd of one exekutir netns host; written by the netns provider\n"
                + "ListenAddress " + address + ":" + PORT + "\n"
                + "HostKey " + hostKey() + "\n"
                + "PidFile " + pidFile() + "\n"
                + "AuthorizedKeysFile " + authorizedKeys() + "\n"
                + "PermitRootLogin prohibit-password\n"
                + "PubkeyAuthentication yes\n"
                + "PasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\n"
                // The machine's PAM session stack (loginuid, systemd) often fails in containers and CI.
                + "UsePAM no\n"
                // The folder lives wherever netns_root points; its owners and modes are not sshd's business.
                + "StrictModes no\n"
                + "UseDNS no\n"
                + "PrintMotd no\n"
                // As a stock Debian sshd: transports must not rely on more.
                + "AcceptEnv LANG LC_*\n"
                + "Subsystem sftp internal-sftp\n"
                // Ansible forks and parallel transfers open many connections at once.
                + "MaxStartups 100:30:200\n"
                + "MaxSessions 100\n";
    }

    /** Starts a daemonized sshd in the namespace; it outlives this process, as a host must. */
    void start(String namespace) throws IOException, InterruptedException {
        Commands.Result result = commands.run(List.of(programs.nsenter().toString(),
                "--net=" + Ip.namespaceFile(namespace), "--", sshd.toString(), "-f", config().toString(),
                "-E", log().toString()));
        if (!result.succeeded()) {
            throw new NetnsException(result.failure().getMessage() + logTail());
        }
    }

    /** Waits until sshd greets on the host's address. */
    void awaitAnswer(String address) throws IOException, InterruptedException {
        if (SshBanner.await(address, START_TIMEOUT, 25, SshBanner.StillStarting.ALWAYS).isEmpty()) {
            throw new NetnsException("sshd of " + folder.getParent().getFileName() + " did not answer on "
                    + address + ":" + PORT + " within " + START_TIMEOUT.toSeconds() + " s" + logTail());
        }
    }

    /** @return the pid in sshd's pid file, when there is one */
    Optional<Long> recordedPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return whether the process is a listening sshd started with this host's configuration */
    boolean isOurs(long pid) {
        try {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return commandLine.contains(config().toString());
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return tail.isEmpty() ? "" : "; the end of " + log() + ":\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "";
        }
    }
}
