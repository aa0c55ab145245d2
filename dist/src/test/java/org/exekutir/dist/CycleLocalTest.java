package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The three transitions with a local kommandir, through the distribution's own
 * exekutir.xn, kommandir defaults and jobs, with the real ansible-playbook.
 */
@Execution(ExecutionMode.CONCURRENT)
class CycleLocalTest extends WorkspaceTest {

    private static final Path EXEKUTIR_XN = Exekutir.HOME.resolve("exekutir.xn");

    @Test
    void setupRunAndCleanupEachLeaveTheirResultInTheExekutirsWorkspace() throws IOException {
        for (String context : new String[] {"setup", "run", "cleanup"}) {
            Exekutir.Result result = new Exekutir().run(context, ws.toString(), EXEKUTIR_XN.toString());
            assertEquals(0, result.exit(), result.toString());
            assertEquals("0", Files.readString(ws.resolve("kommandir_" + context + ".exit")), result.toString());
            String text = Files.readString(ws.resolve("results/" + context + ".txt"));
            assertTrue(text.contains("This is the " + context + ".yml playbook of jobs/quickstart"), text);
        }
        String settings = Files.readString(ws.resolve("exekutir_vars.yml"));
        assertTrue(settings.contains("kommandir_provider: local"), settings);
        assertTrue(Files.readString(ws.resolve("hosts/kommandir.yml")).contains("state: created"),
                "a local kommandir is never destroyed");
        assertTrue(Files.exists(ws.resolve("kommandir_workspace/default_job.xn")));
        assertTrue(Files.exists(ws.resolve("results/prune_report.yml")));
    }

    @Test
    void cycleRunsTheThreeContextsAndSummarisesThem() throws IOException {
        Path fresh = tmp.resolve("new/workspace");
        Exekutir.Result result = new Exekutir().run("cycle", fresh.toString());
        assertEquals(0, result.exit(), result.toString());
        for (String context : new String[] {"setup", "run", "cleanup"}) {
            assertTrue(result.stderr().matches("(?s).*\\n    " + context + ": exit 0 in [0-9.]+ s\\n.*"), result.toString());
            assertTrue(Files.exists(fresh.resolve("results/" + context + ".txt")), result.toString());
        }
        assertFalse(Files.exists(fresh.resolve("ssh/exekutir_key")), "no private key is left");
        assertFalse(Files.exists(fresh.resolve("kommandir_workspace/ssh/exekutir_key")));
        String report = Files.readString(fresh.resolve("results/prune_report.yml"));
        assertTrue(report.contains("- ssh/exekutir_key") && report.contains("- kommandir_workspace/ssh/exekutir_key"),
                report);
    }

    @Test
    void adeptDebugKeepsEverythingThePrunersWouldRemove() throws IOException {
        Exekutir.write(ws.resolve("exekutir_vars.yml"), "uuid: u-debug\nadept_debug: true\n");
        Exekutir.Result result = new Exekutir().run("cycle", ws.toString());
        assertEquals(0, result.exit(), result.toString());
        assertTrue(Files.exists(ws.resolve("ssh/exekutir_key")), "the key is kept");
        assertTrue(Files.exists(ws.resolve("kommandir_workspace/ssh/exekutir_key")));
        assertTrue(Files.readString(ws.resolve("results/prune_report.yml")).contains("adept_debug is true"));
    }

    @Test
    void cleanupRunsAfterAFailedSetupAndTheCycleReportsSetupsFailure() throws IOException {
        Path job = tmp.resolve("failing-job");
        Exekutir.write(job.resolve("setup.yml"), """
                - hosts: kommandir
                  gather_facts: false
                  tasks:
                    - fail: {msg: "this job's setup fails"}
                """);
        Exekutir.write(job.resolve("cleanup.yml"), """
                - hosts: kommandir
                  gather_facts: false
                  tasks:
                    - copy: {dest: "{{ workspace }}/results/cleanup.txt", content: "cleaned\\n"}
                """);
        Exekutir.Result result = new Exekutir().run("cycle", ws.toString(), job.toString());
        assertEquals(2, result.exit(), "ansible-playbook's exit code for a failed task, passed up: " + result);
        assertEquals("2", Files.readString(ws.resolve("kommandir_setup.exit")));
        assertTrue(result.stderr().contains("    run: not run"), result.toString());
        assertTrue(result.stderr().matches("(?s).*    cleanup: exit 0 in.*"), result.toString());
        assertEquals("cleaned\n", Files.readString(ws.resolve("results/cleanup.txt")));
        assertFalse(Files.exists(ws.resolve("results/run.txt")));
    }

    @Test
    void aBadSettingStopsSetupBeforeAnyHostIsAskedFor() throws IOException {
        Exekutir.write(ws.resolve("exekutir_vars.yml"), "uuid: u-bad\n# a comment\ntoo_old: soon\n");
        Exekutir.Result result = new Exekutir().run("setup", ws.toString(), EXEKUTIR_XN.toString());
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.stderr().contains(ws.resolve("exekutir_vars.yml") + ", line 3: too_old 'soon' must be a "
                + "number of days"), result.toString());
        assertFalse(Files.exists(ws.resolve("hosts/kommandir.yml")));
    }

    @Test
    void aSignalDuringSetupStopsItAndTheCycleStillCleansUp() throws Exception {
        Path job = tmp.resolve("slow-job");
        Path started = tmp.resolve("setup-started");
        // A duration no other process on the machine sleeps: the test checks its own child only.
        String sleep = "60." + System.nanoTime() % 1_000_000_000L;
        Exekutir.write(job.resolve("setup.yml"), """
                - hosts: kommandir
                  gather_facts: false
                  tasks:
                    - copy: {dest: "%s", content: "started\\n"}
                    - command: sleep %s
                """.formatted(started, sleep));
        for (String context : new String[] {"run", "cleanup"}) {
            Exekutir.write(job.resolve(context + ".yml"), """
                    - hosts: kommandir
                      gather_facts: false
                      tasks:
                        - copy: {dest: "{{ workspace }}/results/{{ adept_context }}.txt", content: "done\\n"}
                    """);
        }
        Path out = tmp.resolve("out.txt");
        Process process = new Exekutir().builder("cycle", ws.toString(), job.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(started) && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(started), "setup.yml started: " + Files.readString(out));
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the cycle ended: " + Files.readString(out));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String text = Files.readString(out);
        assertEquals(130, process.exitValue(), text);
        assertTrue(text.contains("    setup: exit 130"), text);
        assertTrue(text.contains("    run: not run (stopped by a signal)"), text);
        assertTrue(text.matches("(?s).*    cleanup: exit 0 in.*"), text);
        assertEquals("done\n", Files.readString(ws.resolve("results/cleanup.txt")));
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").endsWith("sleep " + sleep)),
                "the job's children were stopped");
    }
}
