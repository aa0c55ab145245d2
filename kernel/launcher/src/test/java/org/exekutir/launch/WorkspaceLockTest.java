package org.exekutir.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLockTest {

    @TempDir
    Path tmp;

    @Test
    void secondHolderInTheSameJvmIsRefusedWithWorkspaceAndHolderNamed() throws Exception {
        try (WorkspaceLock first = WorkspaceLock.acquire(tmp, "transition one")) {
            WorkspaceBusyException busy = assertThrows(WorkspaceBusyException.class,
                    () -> WorkspaceLock.acquire(tmp, "transition two"));
            assertTrue(busy.getMessage().contains(tmp.toRealPath().toString()), busy.getMessage());
            assertTrue(busy.getMessage().contains("transition one"), busy.getMessage());
            assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
        }
    }

    @Test
    void anotherNameOfTheSameFolderIsRefusedToo() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectories(tmp.resolve("ws")));
        try (WorkspaceLock first = WorkspaceLock.acquire(tmp.resolve("ws"), "transition one")) {
            assertThrows(WorkspaceBusyException.class, () -> WorkspaceLock.acquire(link, "transition two"));
        }
    }

    @Test
    void releasedWorkspaceIsFreeAgainAndHoldsNoLockFile() throws Exception {
        WorkspaceLock.acquire(tmp, "first").close();
        try (WorkspaceLock again = WorkspaceLock.acquire(tmp, "second")) {
            assertTrue(Files.exists(tmp.resolve(WorkspaceLock.FILE)));
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void fileLeftByADeadProcessIsTakenOver() throws Exception {
        Files.writeString(tmp.resolve(WorkspaceLock.FILE), "pid 1, long gone\n");
        try (WorkspaceLock lock = WorkspaceLock.acquire(tmp, "me")) {
            assertTrue(Files.readString(tmp.resolve(WorkspaceLock.FILE)).contains("me"));
        }
    }

    @Test
    void anotherProcessHoldingTheWorkspaceRefusesThisOneUntilItLetsGo() throws Exception {
        Process other = holdInAnotherProcess(tmp);
        try {
            WorkspaceBusyException busy = assertThrows(WorkspaceBusyException.class,
                    () -> WorkspaceLock.acquire(tmp, "this process"));
            assertTrue(busy.getMessage().contains("pid " + other.pid()), busy.getMessage());
            assertTrue(busy.getMessage().contains("the other process"), busy.getMessage());
        } finally {
            other.getOutputStream().close();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, other.exitValue());
        try (WorkspaceLock mine = WorkspaceLock.acquire(tmp, "this process")) {
            assertFalse(Files.readString(tmp.resolve(WorkspaceLock.FILE)).contains("the other process"));
        }
    }

    /** A second JVM that takes the lock, says "locked", and lets go when its standard input closes. */
    private Process holdInAnotherProcess(Path workspace) throws IOException {
        Path program = Files.writeString(Files.createTempDirectory("holder").resolve("Holder.java"), """
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        try (var lock = org.exekutir.launch.WorkspaceLock.acquire(java.nio.file.Path.of(args[0]),
                                "the other process")) {
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), program.toString(),
                workspace.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream())).readLine();
        assertEquals("locked", line);
        return process;
    }
}
