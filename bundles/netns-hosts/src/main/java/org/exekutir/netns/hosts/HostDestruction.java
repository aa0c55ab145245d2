package org.exekutir.netns.hosts;

import org.exekutir.sync.files.Folders;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

/**
 * Removes a host and everything made for it, found by its name and its folder alone: what
 * its service runs, the processes in its namespace, the namespace (which takes the veth pair with it), any link
 * left over, and the folder — the folder last, so an interrupted destruction is found again.
 */
public final class HostDestruction {

    private static final Duration LINK_RELEASE = Duration.ofSeconds(5);

    private final Ip ip;
    private final HostService service;
    private final NamespaceProcesses processes;

    public HostDestruction(Ip ip, HostService service) {
        this.ip = ip;
        this.service = service;
        this.processes = new NamespaceProcesses(ip);
    }

    /** @return whether anything of the host was there */
    public boolean destroy(HostNames names, Path folder) throws IOException, InterruptedException {
        Optional<HostRecord> record = HostRecord.read(folder);
        String namespace = record.map(HostRecord::namespace).orElse(names.namespace());
        String outerLink = record.map(HostRecord::outerLink).orElse(names.outerLink());
        // The service first: what runs there (a container, a VM) is stopped by its own means.
        boolean existed = service.stop(names, record, folder);
        existed |= Files.exists(folder) || ip.namespaceFileExists(namespace) || ip.linkExists(outerLink);
        if (existed) {
            removeNetwork(namespace, outerLink);
            Folders.deleteRecursively(folder);
        }
        return existed;
    }

    /** Also clears what a crashed creation left before its record was written. */
    public void removeNetwork(String namespace, String outerLink) throws IOException, InterruptedException {
        if (ip.namespaceFileExists(namespace)) {
            if (ip.namespaceUsable(namespace)) {
                processes.stopAll(namespace);
            }
            ip.deleteNamespace(namespace);
        }
        // The kernel frees a deleted namespace, and the veth in it, a moment later.
        long deadline = System.nanoTime() + LINK_RELEASE.toNanos();
        while (ip.linkExists(outerLink)) {
            if (System.nanoTime() > deadline) {
                ip.deleteLink(outerLink);
                break;
            }
            Thread.sleep(20);
        }
    }

}
