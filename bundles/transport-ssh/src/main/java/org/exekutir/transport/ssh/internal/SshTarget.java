package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.exekutir.api.host.HostVars;

/**
 * Where and how to connect, from a host's variables: {@code ansible_host},
 * {@code ansible_port} (22), {@code ansible_user} (the current user),
 * {@code ansible_ssh_private_key_file}, {@code exekutir_known_hosts_file} (required:
 * without it no host key could be checked), and {@code exekutir_sync_retries} (3), how
 * often a transfer is retried after a dropped connection.
 */
record SshTarget(String hostName, String address, int port, String user, Path privateKey, Path knownHosts, int retries) {

    static final String RETRIES = "exekutir_sync_retries";

    static SshTarget of(HostVars host) throws IOException {
        String address = host.address().filter(a -> !a.isBlank())
                .orElseThrow(() -> invalid(host, "has no " + HostVars.ADDRESS));
        int port;
        int retries;
        try {
            port = host.port(22);
            retries = host.string(RETRIES).map(String::strip).map(Integer::parseInt).orElse(3);
        } catch (NumberFormatException e) {
            throw invalid(host, "has a " + HostVars.PORT + " or " + RETRIES + " that is not a number: " + e.getMessage());
        }
        if (port < 1 || port > 65535 || retries < 0) {
            throw invalid(host, "has " + HostVars.PORT + " " + port + " or " + RETRIES + " " + retries + " out of range");
        }
        String user = host.user().filter(u -> !u.isBlank()).orElse(System.getProperty("user.name"));
        Path key = host.string(HostVars.PRIVATE_KEY_FILE).map(Path::of)
                .orElseThrow(() -> invalid(host, "has no " + HostVars.PRIVATE_KEY_FILE));
        if (!Files.isReadable(key)) {
            throw invalid(host, "names the private key file " + key + ", which cannot be read");
        }
        Path knownHosts = host.string(HostVars.KNOWN_HOSTS_FILE).filter(k -> !k.isBlank()).map(Path::of)
                .orElseThrow(() -> invalid(host, "has no " + HostVars.KNOWN_HOSTS_FILE
                        + ": refusing to connect without a known-hosts file to check the host's key against"));
        return new SshTarget(host.name(), address, port, user, key, knownHosts, retries);
    }

    private static IOException invalid(HostVars host, String problem) {
        return new IOException("host " + host.name() + " " + problem);
    }

    @Override
    public String toString() {
        return user + "@" + address + ":" + port + " (" + hostName + ")";
    }
}
