package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock for the whole machine, held while a host's address and link names are chosen and
 * its links made, so that parallel creations (threads of one JVM, other processes, providers
 * running inside netns hosts, which share this file system) never pick the same subnet.
 * A process killed while holding it releases it with its file descriptors.
 */
public final class MachineLock implements AutoCloseable {

    public static final Path FILE = Path.of("/run/exekutir-netns.lock");

    /** File locks belong to the whole JVM: threads of this JVM queue here first. */
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static MachineLock acquire() throws IOException, InterruptedException {
        IN_THIS_JVM.lockInterruptibly();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new MachineLock(channel, lockFile(channel));
        } catch (ClosedByInterruptException | FileLockInterruptionException e) {
            release(channel);
            throw new InterruptedException("interrupted while waiting for " + FILE);
        } catch (IOException e) {
            release(channel);
            throw new NetnsException("cannot lock " + FILE + ": " + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            release(channel);
            throw e;
        }
    }

    private static void release(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing what failed to lock: nothing to keep
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private static FileLock lockFile(FileChannel channel) throws IOException, InterruptedException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // Another copy of this class (an older bundle version still running) holds it in this JVM.
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } catch (ClosedChannelException e) {
            // An interrupt closed the channel, which released the lock; the interrupt stays set.
        } finally {
            try {
                channel.close();
            } finally {
                IN_THIS_JVM.unlock();
            }
        }
    }
}
