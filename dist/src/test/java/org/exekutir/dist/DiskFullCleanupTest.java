package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace whose disk fills up before cleanup (a small tmpfs the test mounts and removes):
 * cleanup still destroys the netns kommandir and prunes the private keys, and its exit code
 * says that something failed.
 */
class DiskFullCleanupTest {

    @TempDir
    Path tmp;
    private Path disk;
    private NetnsJob job;

    @AfterEach
    void leaveNothing() throws Exception {
        if (disk != null) {
            Files.deleteIfExists(disk.resolve("filler"));
        }
        if (job != null) {
            job.tearDown();
        }
        if (disk != null) {
            NetnsJob.run("umount", disk.toString());
        }
    }

    @Test
    void cleanupOnAFullDiskStillDestroysTheKommandirAndPrunesTheKeys() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        String mounted = NetnsJob.run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", disk.toString());
        assertEquals("", mounted.strip(), "the test's tmpfs is mounted");
        Path ws = Files.createDirectories(disk.resolve("ws"));
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/quickstart"));
        Path exekutirXn = Exekutir.HOME.resolve("exekutir.xn");
        Exekutir.Result setup = new Exekutir().run("setup", ws.toString(), exekutirXn.toString());
        assertEquals(0, setup.exit(), setup::toString);
        assertTrue(!job.leftovers().isEmpty(), "the kommandir exists");

        fill(disk.resolve("filler"));
        Exekutir.Result cleanup = new Exekutir().run("cleanup", ws.toString(), exekutirXn.toString());

        assertNotEquals(0, cleanup.exit(), "what failed on the full disk is said by the exit code\n" + cleanup);
        assertEquals(List.of(), job.leftovers(), "no namespace, no sshd, no folder of the job\n" + cleanup);
        assertEquals(List.of(), job.privateKeys(), "no private key in the workspace\n" + cleanup);
        assertTrue(cleanup.stderr().contains("destroyed"), cleanup::toString);
    }

    /** Writes zeros until the file system refuses another byte. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 64 * 1024; i++) {
                out.write(0); // the last partial block
                out.flush();
            }
        } catch (IOException full) {
            // full to the byte
        }
    }
}
