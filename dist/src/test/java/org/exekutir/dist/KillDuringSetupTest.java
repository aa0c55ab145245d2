package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code kill -9} of setup (the exekutir and its children, as a crashed CI runner) at
 * several moments of a peons job on a netns kommandir, then cleanup on the same workspace
 * with stonith: nothing of the job may be left — no namespace, process or folder with its uuid.
 * The netns hosts share this machine's file system, so the test watches the kommandir's
 * own workspace to pick its moment.
 */
@Execution(ExecutionMode.CONCURRENT)
class KillDuringSetupTest extends WorkspaceTest {

    private NetnsJob job;

    @AfterEach
    void leaveNothing() {
        if (job != null) {
            job.tearDown();
        }
    }

    @Test
    void killedWhileTheKommandirIsCreated() throws Exception {
        // The host's folder is the provider's first step and root/ its last: kill in between.
        killSetupWhen(() -> read(ws.resolve("hosts/kommandir.yml")).contains("state: creating")
                && Files.isDirectory(job.kommandirRoot().getParent()));
    }

    @Test
    void killedWhileTheWorkspaceIsSynchronised() throws Exception {
        killSetupWhen(() -> Files.isDirectory(job.kommandirRoot().resolve("exekutir/bundle")));
    }

    @Test
    void killedWhilePeonsAreCreated() throws Exception {
        killSetupWhen(() -> read(remoteHosts().resolve("peon-1.yml")).contains("state: creating")
                || read(remoteHosts().resolve("peon-2.yml")).contains("state: creating"));
    }

    @Test
    void killedWhileTheJobsPlaybookRuns() throws Exception {
        killSetupWhen(() -> read(remoteHosts().resolve("peon-1.yml")).contains("state: created")
                && read(remoteHosts().resolve("peon-2.yml")).contains("state: created"));
    }

    /**
     * A killed exekutir leaves its run of job.xn going on the kommandir, holding the
     * kommandir's workspace: cleanup stops it, says so, and goes on at once (it used to wait
     * minutes on the orphan's lock).
     */
    @Test
    void theOrphanedRunOfAKilledSetupIsStoppedByCleanup() throws Exception {
        String sleep = "300." + System.nanoTime() % 1_000_000_000L;
        Path started = tmp.resolve("kommandir-setup-started");
        Path jobPath = Exekutir.write(tmp.resolve("slow-job/setup.yml"), """
                - hosts: kommandir
                  gather_facts: false
                  tasks:
                    - copy: {dest: "%s", content: "started\\n"}
                    - command: sleep %s
                """.formatted(started, sleep)).getParent();
        job = new NetnsJob(ws).settings(jobPath);
        String setup = startSetupAndKillItWhen(() -> sleeping(sleep));
        assertTrue(Files.exists(started), "the kommandir's job started:\n" + setup);
        if (Exekutir.ATTACHED) {
            // The daemon outlives its killed client and stops the run itself: nothing is orphaned.
            assertCleanupLeavesNothing();
            assertTrue(!sleeping(sleep), "the run of the killed client is gone");
            return;
        }
        Thread.sleep(1000);
        assertTrue(sleeping(sleep), "the orphaned run goes on after the kill");
        Exekutir.Result cleanup = new Exekutir().run("cleanup", ws.toString(),
                Exekutir.HOME.resolve("exekutir.xn").toString());
        assertEquals(0, cleanup.exit(), cleanup.toString());
        assertTrue(cleanup.stderr().contains("job: stopped a run of job.xn a killed exekutir left on the kommandir"),
                cleanup.toString());
        assertTrue(!sleeping(sleep), "the orphan's command is gone");
        assertEquals(List.of(), job.leftovers(), cleanup.toString());
    }

    /** Whether this test's own sleep (a duration no other process uses) runs; Ansible starts it by its path. */
    private static boolean sleeping(String duration) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().orElse("").endsWith("sleep " + duration));
    }

    private Path remoteHosts() {
        return job.kommandirRoot().resolve("kommandir_workspace/hosts");
    }

    private void killSetupWhen(BooleanSupplier moment) throws Exception {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/peons-demo"));
        startSetupAndKillItWhen(moment);
        assertCleanupLeavesNothing();
    }

    /**
     * Runs setup and kills it, with its children, as soon as {@code moment} holds.
     *
     * @return what setup printed
     */
    private String startSetupAndKillItWhen(BooleanSupplier moment) throws Exception {
        Path out = tmp.resolve("setup.out");
        Process setup = new Exekutir().builder("setup", ws.toString(), Exekutir.HOME.resolve("exekutir.xn").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean reached = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (setup.isAlive() && System.nanoTime() < deadline && !(reached = moment.getAsBoolean())) {
                Thread.sleep(20);
            }
        } finally {
            List<ProcessHandle> tree = setup.descendants().toList();
            setup.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            setup.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(reached, "setup reached the moment before it ended:\n" + Files.readString(out));
        return Files.readString(out);
    }

    private void assertCleanupLeavesNothing() {
        Exekutir.Result cleanup = new Exekutir().run("cleanup", ws.toString(),
                Exekutir.HOME.resolve("exekutir.xn").toString());
        assertEquals(0, cleanup.exit(), cleanup.toString());
        assertEquals(List.of(), job.leftovers(), cleanup.toString());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return ""; // being replaced at this instant
        }
    }
}
