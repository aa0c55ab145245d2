package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the machine must offer before the provider touches it: root, and a root sshd accepts. */
public final class MachineChecks {

    private MachineChecks() {
    }

    /** Before creating: root, and a root account sshd lets in. */
    public static void require() throws IOException {
        requireRoot("the netns provider", "starts sshd");
        // With UsePAM no, sshd itself refuses every login of an account whose password starts with '!'.
        String password = rootPasswordField();
        if (password.startsWith("!")) {
            throw new NetnsException("root's account is locked (its password in /etc/shadow starts with '!'),"
                    + " so sshd refuses key logins as root; unlock it without a password: usermod -p '*' root");
        }
    }

    /**
     * @param who  the provider, for the message
     * @param what what it does besides making namespaces and links
     */
    public static void requireRoot(String who, String what) throws IOException {
        if (effectiveUid() != 0) {
            throw new NetnsException(who + " must run as root: it creates network namespaces and"
                    + " links and " + what + " (it runs as uid " + effectiveUid() + ")");
        }
    }

    public static long effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
            }
        }
        throw new NetnsException("cannot read this process's user id from /proc/self/status");
    }

    private static String rootPasswordField() throws IOException {
        Path shadow = Path.of("/etc/shadow");
        if (!Files.isReadable(shadow)) {
            return "";
        }
        List<String> lines = Files.readAllLines(shadow);
        return lines.stream().filter(line -> line.startsWith("root:")).findFirst()
                .map(line -> line.split(":", -1)[1]).orElse("");
    }
}
