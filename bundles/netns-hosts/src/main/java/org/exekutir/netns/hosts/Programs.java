package org.exekutir.netns.hosts;

import java.nio.file.Files;
import java.nio.file.Path;

/** The system programs a namespaced host needs, found once, by absolute path. */
public record Programs(Path ip, Path nsenter, Path shell) {

    public static Programs find() throws NetnsException {
        return new Programs(locate("ip", "iproute2"), locate("nsenter", "util-linux"), locate("sh", "dash"));
    }

    /** @return the program's absolute path, on PATH or in the system folders; else which package to install */
    public static Path locate(String name, String debianPackage) throws NetnsException {
        String path = System.getenv().getOrDefault("PATH", "") + ":" + Commands.PATH;
        for (String folder : path.split(":")) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new NetnsException("exekutir needs `" + name + "`, which is not on PATH nor in "
                + Commands.PATH.replace(":", ", ") + "; install " + debianPackage);
    }
}
