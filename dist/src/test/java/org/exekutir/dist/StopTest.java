package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No child outlives its entry: an interrupted command that traps SIGTERM, and the grandchild
 * it started, are killed after the grace; a second signal kills them at once. One-shot and
 * attached alike (the attached execution of the suite runs this class against a daemon).
 */
class StopTest {

    @TempDir
    Path tmp;

    /** A command that ignores SIGINT and SIGTERM, with a grandchild that does too; both write their pids. */
    private Path stubbornTransition() {
        return write(tmp.resolve("stubborn.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: >-
                      -c 'trap "" INT TERM;
                      sh -c "trap \\"\\" INT TERM; echo \\$\\$ > %2$s; while :; do sleep 1; done" &
                      echo $$ > %1$s; while :; do sleep 1; done'
                - command:
                    filepath: /bin/touch
                    arguments: never-reached
                """.formatted(tmp.resolve("child.pid"), tmp.resolve("grandchild.pid")));
    }

    private List<ProcessHandle> stubborn() throws Exception {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        for (String name : List.of("child.pid", "grandchild.pid")) {
            Path file = tmp.resolve(name);
            for (int i = 0; i < 6000 && (!Files.exists(file) || read(file).isBlank()); i++) {
                Thread.sleep(20);
            }
            tree.add(ProcessHandle.of(Long.parseLong(read(file).strip())).orElseThrow());
        }
        return tree;
    }

    private static void signal(Process process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
    }

    private static void assertGoneWithin(long seconds, List<ProcessHandle> tree) throws Exception {
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("process " + process.pid() + " outlived its entry by " + seconds + " s");
            }
        }
    }

    @Test
    void anInterruptedChildThatIgnoresTermIsKilledAfterTheGraceWithItsGrandchild() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path out = tmp.resolve("out.txt");
        Process run = new Exekutir().builder("setup", ws.toString(), stubbornTransition().toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        List<ProcessHandle> tree = stubborn();
        signal(run);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), read(out));
        assertEquals(130, run.exitValue(), read(out));
        assertTrue(read(out).contains("entry #1 (command) in context setup: interrupted"), read(out));
        assertGoneWithin(5, tree);
        assertFalse(Files.exists(ws.resolve("never-reached")), read(out));
    }

    @Test
    void aSecondSignalKillsTheChildAndItsGrandchildAtOnce() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path out = tmp.resolve("out.txt");
        // A grace no test waits for: only the second signal can end these children in time.
        Process run = new Exekutir().env("EXEKUTIR_JAVA_OPTS", "-Dexekutir.stop.grace=10m")
                .builder("setup", ws.toString(), stubbornTransition().toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        List<ProcessHandle> tree = stubborn();
        signal(run);
        for (int i = 0; i < 3000 && !read(out).contains("stopping"); i++) {
            Thread.sleep(20); // the second signal must come after the first was taken
        }
        Thread.sleep(Exekutir.SECOND_SIGNAL_AFTER_MILLIS);
        signal(run);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), read(out));
        assertEquals(130, run.exitValue(), read(out));
        assertTrue(read(out).matches("(?s).*SIG(INT|TERM) again: aborting now.*"), read(out));
        // attached: the daemon's grace is its own (10 s); one-shot: ten minutes
        assertGoneWithin(Exekutir.ATTACHED ? 60 : 30, tree);
        assertFalse(Files.exists(ws.resolve("never-reached")), read(out));
    }

    /** A killed one-shot run leaves its framework storage behind; the next run removes it, and not a live one. */
    @Test
    void whatAKilledRunLeftInTheTemporaryFolderIsRemovedByTheNextRun() throws Exception {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        Path dead = Files.createDirectories(temporary.resolve("exekutir-kernel-e2e-" + java.util.UUID.randomUUID()));
        Path live = Files.createDirectories(temporary.resolve("exekutir-kernel-e2e-" + java.util.UUID.randomUUID()));
        try (java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(live.resolve(".owner.lock"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock = held.lock()) {
            Files.createFile(dead.resolve(".owner.lock"));
            Files.createDirectories(dead.resolve("bundle7/data"));
            Path ws = Files.createDirectories(tmp.resolve("ws"));
            Exekutir.Result run = new Exekutir().run("--no-daemon", "setup", ws.toString(),
                    write(tmp.resolve("true.xn"), "- command: {filepath: /bin/true}\n").toString());
            assertEquals(0, run.exit(), run::toString);
            assertFalse(Files.exists(dead), "the dead run's storage is removed");
            assertTrue(Files.exists(live), "a live run's storage stays");
        } finally {
            if (Files.exists(dead)) {
                NetnsJob.deleteTree(dead);
            }
            NetnsJob.deleteTree(live);
        }
    }
}
