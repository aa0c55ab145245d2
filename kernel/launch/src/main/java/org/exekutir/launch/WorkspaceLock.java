package org.exekutir.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One transition at a time per workspace. Held for the length of a transition, by the
 * one-shot command line and by the daemon alike.
 *
 * <p>Two guards: an OS lock on {@value #FILE} in the workspace keeps other processes out;
 * a table inside this JVM keeps the daemon's own transitions apart (the OS lock belongs to
 * the process, so a second transition of the same JVM would not be refused by it). The file
 * exists only while it is held, so a workspace holds nothing of the lock after a run: it is
 * deleted before the lock is released, and whoever locks it checks that the path still names
 * the file it locked (else it locked a file just deleted, and tries again). A file left by a
 * process that died is not locked, and is taken over.
 */
public final class WorkspaceLock implements AutoCloseable {

    /** The lock file in the workspace. Steps that copy a workspace should leave it out. */
    public static final String FILE = ".exekutir.lock";

    private static final Map<Path, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final int ATTEMPTS = 3;

    private final Path workspace;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkspaceLock(Path workspace, Path file, FileChannel channel, FileLock lock) {
        this.workspace = workspace;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the workspace for one transition.
     *
     * @param workspace the workspace folder
     * @param holder    who takes it, as another caller should read it (e.g. the command line)
     * @throws WorkspaceBusyException when another transition holds it; the message names
     *                                the workspace and the holder
     * @throws IOException            when the lock file cannot be written
     */
    public static WorkspaceLock acquire(Path workspace, String holder) throws WorkspaceBusyException, IOException {
        // One key per folder however it is named: a second name must not slip past the JVM guard.
        Path key = workspace.toRealPath();
        String description = "pid " + ProcessHandle.current().pid() + ", " + holder + ", since "
                + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String here = HELD_IN_THIS_JVM.putIfAbsent(key, description);
        if (here != null) {
            throw new WorkspaceBusyException(key, here);
        }
        try {
            return lockFile(key, description);
        } catch (WorkspaceBusyException | IOException | RuntimeException e) {
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    /**
     * Locks the file the path names. The path is looked at only through {@code stat}, never
     * through a second open file: POSIX drops every lock a process holds on a file as soon as
     * the process closes any descriptor of that file.
     */
    private static WorkspaceLock lockFile(Path workspace, String description)
            throws WorkspaceBusyException, IOException {
        Path file = workspace.resolve(FILE);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException exists) {
                // another holder's, or left by a process that died: the lock decides
            }
            Object before = fileKey(file);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException gone) {
                continue;
            }
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new WorkspaceBusyException(workspace, holderOf(file));
            }
            if (before != null && before.equals(fileKey(file))) {
                describe(channel, description);
                return new WorkspaceLock(workspace, file, channel, lock);
            }
            // The holder deleted the file between our open and our lock: what we locked is gone.
            channel.close();
        }
        throw new WorkspaceBusyException(workspace, holderOf(file));
    }

    /**
     * Writes who holds the lock, for a caller that is refused. Only for that message: on a
     * full disk the lock is held without it (a cleanup must not stop for want of a block).
     */
    private static void describe(FileChannel channel, String description) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((description + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException noSpace) {
            // the holder is then "another process"
        }
    }

    /** The file's identity (device and inode), or null when it does not exist. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private static String holderOf(Path file) {
        String content = readOrEmpty(file);
        int end = content.indexOf('\n');
        String first = end < 0 ? content : content.substring(0, end);
        return first.isBlank() ? "another process" : first;
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException gone) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    public Path workspace() {
        return workspace;
    }

    /** Gives the workspace back: the file goes first, then the lock, then this JVM's claim. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind unlocked: the next holder takes it over
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            HELD_IN_THIS_JVM.remove(workspace);
        }
    }
}
