package org.exekutir.netns.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/** The system programs the provider needs, found once, by absolute path (sshd insists on one). */
record Programs(Path ip, Path nsenter, Path sshd, Path sshKeygen, Path shell) {

    static Programs find() throws NetnsException {
        return new Programs(locate("ip", "iproute2"), locate("nsenter", "util-linux"),
                locate("sshd", "openssh-server"), locate("ssh-keygen", "openssh-client"), locate("sh", "dash"));
    }

    private static Path locate(String name, String debianPackage) throws NetnsException {
        String path = System.getenv().getOrDefault("PATH", "") + ":" + Commands.PATH;
        for (String folder : path.split(":")) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new NetnsException("the netns provider needs `" + name + "`, which is not on PATH nor in "
                + Commands.PATH.replace(":", ", ") + "; install " + debianPackage);
    }
}
