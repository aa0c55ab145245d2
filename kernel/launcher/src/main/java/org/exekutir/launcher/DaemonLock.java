package org.exekutir.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One daemon per home: an OS lock on {@code run/daemon.lock} (never deleted, so every
 * daemon locks the same file) and the daemon's PID in {@code run/daemon.pid} while it runs.
 * The OS drops the lock when the process dies, however it dies.
 */
final class DaemonLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private DaemonLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /** @throws KernelException when another daemon holds the home; the message names its PID */
    static DaemonLock acquire(Path home) throws KernelException {
        Path run = home.resolve("run");
        Path pidFile = run.resolve("daemon.pid");
        try {
            Files.createDirectories(run);
            FileChannel channel = FileChannel.open(run.resolve("daemon.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new KernelException("a daemon already runs for " + home + " (pid " + pidOf(pidFile)
                        + "); stop it first (kill " + pidOf(pidFile) + ")");
            }
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            return new DaemonLock(channel, lock, pidFile);
        } catch (IOException e) {
            throw new KernelException("cannot lock " + run.resolve("daemon.lock") + ": " + e.getMessage(), e);
        }
    }

    private static String pidOf(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).strip();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(pidFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process in any case
        }
    }
}
