package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;

/**
 * The job's key pair: the private key's path (handed back to Ansible, never read) and its
 * public half ({@code <private key>.pub}), which the host authorizes for root.
 */
public record JobKey(Path privateKey, String publicKey) {

    public static JobKey of(HostRequest request) throws IOException {
        String configured = request.known() == null ? null
                : request.known().string(HostVars.PRIVATE_KEY_FILE).filter(s -> !s.isBlank()).orElse(null);
        if (configured == null) {
            throw new NetnsException("netns host " + request.name() + ": " + HostVars.PRIVATE_KEY_FILE
                    + " is not set; the host needs the job's key pair (ssh/exekutir_key in the workspace)");
        }
        Path privateKey = request.workspace() == null ? Path.of(configured)
                : request.workspace().resolve(configured);
        if (!Files.isRegularFile(privateKey)) {
            throw new NetnsException("netns host " + request.name() + ": the private key " + privateKey
                    + " (" + HostVars.PRIVATE_KEY_FILE + ") does not exist");
        }
        Path publicFile = Path.of(privateKey + ".pub");
        if (!Files.isRegularFile(publicFile)) {
            throw new NetnsException("netns host " + request.name() + ": the public key " + publicFile
                    + " (of " + HostVars.PRIVATE_KEY_FILE + ") does not exist");
        }
        String publicKey = Files.readString(publicFile, StandardCharsets.UTF_8).strip();
        if (!publicKey.startsWith("ssh-") && !publicKey.startsWith("ecdsa-") && !publicKey.startsWith("sk-")) {
            throw new NetnsException("netns host " + request.name() + ": " + publicFile
                    + " is not an OpenSSH public key (a line starting with ssh-, ecdsa- or sk-)");
        }
        return new JobKey(privateKey.toAbsolutePath().normalize(), publicKey);
    }
}
