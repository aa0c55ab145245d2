package org.exekutir.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.Durations;
import org.exekutir.api.ProcessOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {

    @TempDir
    Path folder;

    @Test
    void outputAndExitCodeOfTheChildAreReturned() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ChildProcesses.run(new ProcessBuilder("sh", "-c", "echo one; echo two >&2; exit 3"),
                ProcessOutput.mergedInto(out));
        assertEquals(3, code);
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }

    /** Ansible's ssh ControlPersist master is such a descendant: it keeps the pipe for a minute. */
    @Test
    void aDescendantThatKeepsTheOutputOpenDoesNotKeepTheCallerWaiting() throws Exception {
        Path pidFile = folder.resolve("pid");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ChildProcesses.run(new ProcessBuilder("sh", "-c",
                "echo before; sleep 60 & echo $! > '" + pidFile + "'; echo after"), ProcessOutput.mergedInto(out));
        Optional<ProcessHandle> lingering = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        try {
            assertEquals(0, code);
            assertEquals("before\nafter\n", out.toString(StandardCharsets.UTF_8));
            assertTrue(lingering.map(ProcessHandle::isAlive).orElse(false),
                    "the descendant still holds the pipe, yet run() returned");
        } finally {
            lingering.ifPresent(ProcessHandle::destroy);
        }
    }

    @AfterEach
    void defaultGrace() {
        System.clearProperty(ChildProcesses.GRACE_PROPERTY);
    }

    /** A child that traps SIGTERM, and a grandchild that does too: both get SIGKILL after the grace. */
    @Test
    void anInterruptedChildThatIgnoresTermIsKilledAfterTheGraceWithItsGrandchild() throws Exception {
        System.setProperty(ChildProcesses.GRACE_PROPERTY, "1s");
        Interrupted run = interruptTermTrapper(1);
        assertTrue(run.took().toMillis() >= 900, "the grace was given: " + run.took());
        run.assertAllGone();
    }

    @Test
    void aSecondInterruptEndsTheGrace() throws Exception {
        System.setProperty(ChildProcesses.GRACE_PROPERTY, "60s");
        Interrupted run = interruptTermTrapper(2);
        assertTrue(run.took().toSeconds() < 30, "no minute-long grace after the second interrupt: " + run.took());
        run.assertAllGone();
    }

    @Test
    void aChildThatEndsOnTermIsNotKept() throws Exception {
        System.setProperty(ChildProcesses.GRACE_PROPERTY, "60s");
        Path pids = folder.resolve("pids");
        Worker worker = Worker.start("sleep 600 & echo $$ $! > '" + pids + "'; wait");
        List<ProcessHandle> tree = awaitPids(pids);
        long start = System.nanoTime();
        worker.thread().interrupt();
        assertInstanceOf(InterruptedException.class, worker.result().get(30, TimeUnit.SECONDS));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "SIGTERM was enough");
        new Interrupted(Duration.ZERO, tree).assertAllGone();
    }

    /**
     * A TERM-ignoring process of the tree starts a program during the grace, after the child
     * itself ended: that program is re-parented out of the child's tree, and still killed.
     * (Ansible does this: a worker that outlives ansible-playbook starts the module's command.)
     */
    @Test
    void whatAProcessOfTheTreeStartsDuringTheGraceIsKilledToo() throws Exception {
        System.setProperty(ChildProcesses.GRACE_PROPERTY, "2s");
        Path ready = folder.resolve("ready");
        Path late = folder.resolve("late");
        Worker worker = Worker.start("trap 'exit 0' TERM; sh -c \"trap '' TERM; while [ ! -e '" + ready
                + "' ]; do sleep 0.05; done; sleep 0.5; sleep 61 & echo \\$! > '" + late + "'; wait\" & "
                + "touch '" + ready + "'; while :; do sleep 0.1; done");
        for (int i = 0; i < 500 && !Files.exists(ready); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(ready), "the child started");
        worker.thread().interrupt();
        assertInstanceOf(InterruptedException.class, worker.result().get(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(late), "the late program was started during the grace");
        ProcessHandle program = ProcessHandle.of(Long.parseLong(Files.readString(late).strip())).orElse(null);
        if (program != null) {
            boolean outlived = false;
            try {
                program.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                outlived = true;
                program.destroyForcibly(); // this test's own process: not left behind either way
            }
            assertFalse(outlived, "the program started during the grace outlived the stop");
        }
    }

    @Test
    void theGraceTakesTheFormOfEverySetting() {
        assertEquals(Optional.of(Duration.ofMillis(1500)), Durations.parse("1500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), Durations.parse(" 10 S "));
        assertEquals(Optional.of(Duration.ZERO), Durations.parse("0"));
        for (String bad : new String[] {"", "10", "ten s", "-1s", "10h", "1234567890s"}) {
            assertTrue(Durations.parse(bad).isEmpty(), bad);
        }
        System.setProperty(ChildProcesses.GRACE_PROPERTY, "soon");
        assertEquals(10_000, ChildProcesses.graceMillis(), "a value of another form leaves the default");
    }

    private record Interrupted(Duration took, List<ProcessHandle> tree) {
        void assertAllGone() throws Exception {
            for (ProcessHandle process : tree) {
                process.onExit().get(5, TimeUnit.SECONDS);
                assertFalse(process.isAlive(), process.pid() + " outlived its entry");
            }
        }
    }

    /** A shell script run by {@link ChildProcesses#run} on a thread of its own; the result is its code or what it threw. */
    private record Worker(Thread thread, CompletableFuture<Object> result) {
        static Worker start(String script) {
            CompletableFuture<Object> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(ChildProcesses.run(new ProcessBuilder("sh", "-c", script),
                            ProcessOutput.mergedInto(new ByteArrayOutputStream())));
                } catch (Exception e) {
                    result.complete(e);
                }
            });
            thread.start();
            return new Worker(thread, result);
        }
    }

    /** Runs a TERM-trapping shell with a TERM-trapping grandchild, interrupts it {@code times}. */
    private Interrupted interruptTermTrapper(int times) throws Exception {
        Path pids = folder.resolve("pids");
        Worker worker = Worker.start("trap '' TERM; sh -c \"trap '' TERM; while :; do sleep 1; done\" & echo $$ $! > '"
                + pids + "'; while :; do sleep 1; done");
        List<ProcessHandle> tree = awaitPids(pids);
        long start = System.nanoTime();
        worker.thread().interrupt();
        if (times > 1) {
            Thread.sleep(300);
            worker.thread().interrupt();
        }
        assertInstanceOf(InterruptedException.class, worker.result().get(90, TimeUnit.SECONDS));
        return new Interrupted(Duration.ofNanos(System.nanoTime() - start), tree);
    }

    private static List<ProcessHandle> awaitPids(Path file) throws Exception {
        for (int i = 0; i < 500; i++) {
            String text = Files.exists(file) ? Files.readString(file).strip() : "";
            if (text.split(" ").length == 2) {
                return java.util.Arrays.stream(text.split(" ")).map(pid -> ProcessHandle.of(Long.parseLong(pid))
                        .orElseThrow()).toList();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child never wrote its pids to " + file);
    }
}
