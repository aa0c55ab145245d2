package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code exekutir daemon} of the built runtime: its console, the {@code bundle} command line,
 * attached transitions side by side, the workspace lock and the deploy folder. One daemon
 * serves the whole class, on a private copy of the runtime.
 */
class DaemonTest extends DaemonPerClass {

    /** The row of one transition in {@code transitions}: id, state, exit, user, context, workspace, ... */
    private static String[] transitionRow(long id) {
        return rows().stream().filter(words -> words[0].equals(String.valueOf(id))).findFirst()
                .orElseThrow(() -> new AssertionError("no transition " + id + " in\n" + rows()));
    }

    private static List<String[]> rows() {
        Daemon.Answer answer = daemon.console("transitions");
        assertEquals(0, answer.exit(), answer::toString);
        return answer.output().lines().skip(1).map(line -> line.trim().split("\\s+")).toList();
    }

    /** The id of the latest transition of a workspace. */
    private static long transitionOf(Path workspace) {
        String real = workspace.toAbsolutePath().toString();
        return rows().stream().filter(words -> words[5].equals(real)).mapToLong(words -> Long.parseLong(words[0]))
                .max().orElseThrow(() -> new AssertionError("no transition of " + real + " in " + rows()));
    }

    /** Starts {@code exekutir setup WORKSPACE FILE} attached to the daemon, in the background. */
    private Process attached(Path workspace, Path xn) throws IOException {
        return daemon.cli().builder("--daemon", "setup", workspace.toString(), xn.toString())
                .redirectOutput(tmp.resolve(workspace.getFileName() + ".out").toFile())
                .redirectError(tmp.resolve(workspace.getFileName() + ".err").toFile()).start();
    }

    private int exitOf(Process process) throws InterruptedException {
        assertTrue(process.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS), "the attached client ended");
        return process.exitValue();
    }

    /** A transition that marks it started, waits for {@code release} in its workspace, then exits with {@code code}. */
    private Path blockingTransition(int code) {
        return write(tmp.resolve("block-" + code + ".xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch started; while [ ! -e release ]; do sleep 0.02; done; exit %d'
                """.formatted(code));
    }

    @Test
    void bundleListShowsEveryRuntimeBundleActive() throws IOException {
        Map<String, String> bundles = bundleList();
        for (String name : List.of("org.apache.felix.framework", "org.exekutir.api", "org.exekutir.engine",
                "org.exekutir.ansible", "org.apache.felix.scr", "org.exekutir.console", "org.apache.felix.fileinstall")) {
            assertTrue(bundles.containsKey(name), name + " missing in " + bundles);
        }
        bundles.forEach((name, state) -> assertTrue(state.startsWith("ACTIVE "), name + " is " + state));
        assertTrue(bundles.keySet().stream().noneMatch(name -> name.contains("gogo")),
                "no shell that could open a listener or run code: " + bundles.keySet());
    }

    /** Each runtime bundle says it comes from bundle/, with the SHA-256 of its jar there. */
    @Test
    void bundleListShowsEachBundlesOriginAndTheHashOfItsJar() throws Exception {
        Map<String, String> hashes = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> jars = Files.walk(daemon.home.resolve("bundle"))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                hashes.put(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(jar))), jar.toString());
            }
        }
        Exekutir.Result list = daemon.cli().run("bundle", "list");
        List<String[]> rows = list.stdout().lines().map(line -> line.trim().split("\\s+")).toList();
        assertEquals(hashes.size() + 1, rows.size(), "the framework and each jar of bundle/: " + list);
        for (String[] row : rows) {
            if (row[0].equals("0")) {
                assertEquals(List.of("framework", "-"), List.of(row[4], row[5]));
            } else {
                assertEquals("bundle/", row[4], String.join(" ", row));
                assertTrue(hashes.containsKey(row[5]), "the hash of a jar of bundle/: " + String.join(" ", row));
            }
        }
    }

    @Test
    void aSecondDaemonOnTheSameHomeIsRefusedNamingThePid() {
        Exekutir.Result second = daemon.cli().run("daemon");
        assertEquals(1, second.exit(), second::toString);
        assertTrue(second.stderr().contains("a daemon already runs for"), second::toString);
        assertTrue(second.stderr().contains("pid " + daemon.process.pid()), second::toString);
        assertTrue(daemon.process.isAlive());
        assertEquals(String.valueOf(daemon.process.pid()), read(daemon.home.resolve("run/daemon.pid")).strip());
    }

    @Test
    void twoWorkspacesRunAtOnceAndABusyWorkspaceIsRefused() throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one"));
        Path two = Files.createDirectories(tmp.resolve("two"));
        Process first = attached(one, blockingTransition(3));
        Process second = attached(two, blockingTransition(4));
        daemon.await("both transitions to be running", () -> Files.exists(one.resolve("started"))
                && Files.exists(two.resolve("started")));
        long firstId = transitionOf(one);
        assertEquals("running", transitionRow(firstId)[1]);
        assertEquals("running", transitionRow(transitionOf(two))[1]);

        Exekutir.Result busy = daemon.cli().run("--daemon", "run", one.toString(), blockingTransition(5).toString());
        assertEquals(75, busy.exit(), busy::toString);
        assertTrue(busy.stderr().contains("workspace " + one.toRealPath() + " is in use"), busy::toString);
        assertTrue(busy.stderr().contains("exekutir daemon, exekutir setup"), busy::toString);

        Exekutir.Result oneShot = daemon.cli().run("--no-daemon", "setup", one.toString(),
                blockingTransition(6).toString());
        assertEquals(75, oneShot.exit(), oneShot::toString);
        assertTrue(oneShot.stderr().contains("workspace " + one.toRealPath() + " is in use"), oneShot::toString);
        assertTrue(oneShot.stderr().contains("pid " + daemon.process.pid()), oneShot::toString);

        Files.createFile(one.resolve("release"));
        Files.createFile(two.resolve("release"));
        assertEquals(3, exitOf(first));
        assertEquals(4, exitOf(second));
        assertEquals("finished", transitionRow(firstId)[1]);
        assertEquals("3", transitionRow(firstId)[2]);
        assertEquals("4", transitionRow(transitionOf(two))[2]);
        Daemon.Answer log = daemon.console("transition-log " + firstId);
        assertTrue(log.output().contains("exit = 3"), log::toString);
        assertEquals(read(tmp.resolve("one.err")), log.output(), "the log holds what the caller was shown");
        assertFalse(Files.exists(one.resolve(".exekutir.lock")), "the workspace is given back");

        Exekutir.Result afterwards = daemon.cli().run("setup", one.toString(),
                write(tmp.resolve("true.xn"), "- command: {filepath: /bin/true}\n").toString());
        assertEquals(0, afterwards.exit(), afterwards::toString);
    }

    /** Probe 1.0.0 moved into deploy/ as {@code name}, once it is active. */
    private Path deployProbe(Path staging, String name) throws Exception {
        Path deployed = daemon.home.resolve("deploy").resolve(name);
        Files.move(ProbeBundles.probe(staging, "1.0.0"), deployed, StandardCopyOption.ATOMIC_MOVE);
        daemon.await("probe 1.0.0 to be active", () -> "ACTIVE 1.0.0".equals(bundleList().get(ProbeBundles.PROBE)));
        return deployed;
    }

    /**
     * An attached transition of two probe entries, the first held until {@code release} exists in
     * the workspace; returns once the first has started.
     */
    private Process heldProbes(Path ws, Path report) throws IOException {
        Path xn = write(tmp.resolve("probe.xn"), """
                - probe: {report: %1$s, hold: %2$s}
                - probe: {report: %1$s}
                """.formatted(report, ws.resolve("release")));
        Process client = attached(ws, xn);
        daemon.await("entry 1 to start", () -> Files.exists(report) && read(report).contains("1 started"));
        return client;
    }

    @Test
    void deployFolderInstallsUpdatesMidTransitionAndUninstalls() throws Exception {
        Path staging = Files.createDirectories(daemon.home.resolve("staging-" + UUID.randomUUID()));
        Path deployed = deployProbe(staging, "probe.jar");
        assertTrue(daemon.console("providers").output().lines()
                .anyMatch(line -> line.matches("StepType\\s+probe\\s+" + Pattern.quote(ProbeBundles.PROBE) + "\\s+1\\.0\\.0.*")));

        try {
            Path ws = Files.createDirectories(tmp.resolve("ws"));
            Path report = ws.resolve("report.txt");
            Process client = heldProbes(ws, report);
            long id = transitionOf(ws);

            // the new version lands while entry 1 is in flight
            Files.move(ProbeBundles.probe(staging, "2.0.0"), deployed, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            daemon.await("probe 2.0.0 to serve", () -> daemon.console("providers").output().lines()
                    .anyMatch(line -> line.matches("StepType\\s+probe\\s+\\S+\\s+2\\.0\\.0.*")));
            assertEquals("running", transitionRow(id)[1]);
            Files.createFile(ws.resolve("release"));
            assertEquals(0, exitOf(client), () -> daemon.console("transition-log " + id).output());
            assertEquals("0", transitionRow(id)[2]);
            assertEquals(List.of("1 started 1.0.0", "1 done 1.0.0", "2 started 2.0.0", "2 done 2.0.0"),
                    read(report).lines().toList());

        } finally {
            Files.deleteIfExists(deployed);
        }
        daemon.await("probe to be uninstalled", () -> !bundleList().containsKey(ProbeBundles.PROBE));
        assertFalse(daemon.console("providers").output().contains("probe"));
    }

    @Test
    void aReplacedDeployJarThatDoesNotResolveIsRolledBackAndATransitionRunningMeanwhileFinishes()
            throws Exception {
        Path staging = Files.createDirectories(daemon.home.resolve("staging-" + UUID.randomUUID()));
        Path deployed = deployProbe(staging, "probe-rollback.jar");
        try {
            Path ws = Files.createDirectories(tmp.resolve("ws"));
            Path report = ws.resolve("report.txt");
            Process client = heldProbes(ws, report);

            Files.move(ProbeBundles.unresolvableProbe(staging, "2.0.0", "org.nowhere.missing"), deployed,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            String said = rollBackOf("2.0.0");
            assertTrue(said.contains("does not serve: missing requirement osgi.wiring.package; "
                    + "(osgi.wiring.package=org.nowhere.missing)"), said);
            assertTrue(said.contains("; rolled back: " + ProbeBundles.PROBE + " 1.0.0 serves again (bundle "), said);
            daemon.await("probe 1.0.0 to be active again",
                    () -> "ACTIVE 1.0.0".equals(bundleList().get(ProbeBundles.PROBE)));

            Files.createFile(ws.resolve("release"));
            assertEquals(0, exitOf(client));
            assertEquals(List.of("1 started 1.0.0", "1 done 1.0.0", "2 started 1.0.0", "2 done 1.0.0"),
                    read(report).lines().toList());
            assertEquals(1, daemon.output().lines().filter(line -> line.contains(ProbeBundles.PROBE + " 2.0.0 from "))
                    .count(), "rolled back once, not again and again: " + daemon.output());

            // a version that resolves and starts, but one of whose components fails to activate
            Files.move(ProbeBundles.failingProbe(staging, "3.0.0"), deployed, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            String failed = rollBackOf("3.0.0");
            assertTrue(failed.contains("does not serve: its component "
                    + "org.exekutir.dist.probe.failing.FailingProbeStep failed to activate"), failed);
            assertTrue(failed.contains("; rolled back: " + ProbeBundles.PROBE + " 1.0.0 serves again (bundle "), failed);
            daemon.await("probe 1.0.0 to be active again",
                    () -> "ACTIVE 1.0.0".equals(bundleList().get(ProbeBundles.PROBE)));
        } finally {
            Files.deleteIfExists(deployed);
        }
        daemon.await("probe to be uninstalled", () -> !bundleList().containsKey(ProbeBundles.PROBE));
    }

    /** The daemon's line about the probe version the deploy folder's guard rolled back, once it is said. */
    private static String rollBackOf(String version) {
        String marker = ProbeBundles.PROBE + " " + version + " from ";
        daemon.await("the deploy folder to roll probe " + version + " back", () -> daemon.output().contains(marker));
        return daemon.output().lines().filter(line -> line.contains(marker)).findFirst().orElseThrow();
    }

    @Test
    void aBundleUpdateThatDoesNotResolveIsRolledBackAndSaysSo() throws Exception {
        Path v1 = ProbeBundles.probe(Files.createDirectories(tmp.resolve("v1")), "1.1.0");
        Path broken = ProbeBundles.unresolvableProbe(Files.createDirectories(tmp.resolve("v2")), "1.2.0",
                "org.nowhere.missing");
        assertEquals(0, daemon.cli().run("bundle", "install", v1.toString()).exit());
        try {
            Exekutir.Result update = daemon.cli().run("bundle", "update", ProbeBundles.PROBE, broken.toString());
            assertEquals(1, update.exit(), update::toString);
            assertTrue(update.stderr().contains("update " + ProbeBundles.PROBE + " 1.1.0 -> 1.2.0 failed: missing "
                    + "requirement osgi.wiring.package; (osgi.wiring.package=org.nowhere.missing)"), update::toString);
            assertTrue(update.stderr().contains("rolled back: " + ProbeBundles.PROBE + " 1.1.0 serves again"),
                    update::toString);
            assertEquals("ACTIVE 1.1.0", bundleList().get(ProbeBundles.PROBE));
            assertTrue(daemon.console("providers").output().lines()
                    .anyMatch(line -> line.matches("StepType\\s+probe\\s+\\S+\\s+1\\.1\\.0.*")));

            Path failing = ProbeBundles.failingProbe(Files.createDirectories(tmp.resolve("v3")), "1.3.0");
            update = daemon.cli().run("bundle", "update", ProbeBundles.PROBE, failing.toString());
            assertEquals(1, update.exit(), update::toString);
            assertTrue(update.stderr().contains("1.1.0 -> 1.3.0 failed: its component "
                    + "org.exekutir.dist.probe.failing.FailingProbeStep failed to activate; rolled back: "
                    + ProbeBundles.PROBE + " 1.1.0 serves again"), update::toString);
            assertEquals("ACTIVE 1.1.0", bundleList().get(ProbeBundles.PROBE));
        } finally {
            daemon.cli().run("bundle", "remove", ProbeBundles.PROBE);
        }
    }

    @Test
    void bundleInstallRefusesAnUnresolvableBundleAndNothingElseChanges() throws IOException {
        Map<String, String> before = bundleList();
        Path jar = ProbeBundles.unresolvable(tmp, "org.exekutir.dist.unresolvable", "org.nowhere.missing");
        Exekutir.Result install = daemon.cli().in(tmp).run("bundle", "install", jar.getFileName().toString());
        assertNotEquals(0, install.exit(), install::toString);
        assertTrue(install.stderr().contains("refused org.exekutir.dist.unresolvable"), install::toString);
        assertTrue(install.stderr().contains("org.nowhere.missing"), install::toString);
        assertEquals(before, bundleList());
    }

    @Test
    void aCorruptJarIsReportedWithItsReasonOnTheCommandLineAndInTheDeployFolder() throws Exception {
        Map<String, String> before = bundleList();
        Path corrupt = Files.writeString(tmp.resolve("corrupt.jar"), "PK not really a jar");
        Exekutir.Result install = daemon.cli().run("bundle", "install", corrupt.toString());
        assertNotEquals(0, install.exit(), install::toString);
        assertTrue(install.stderr().contains("refused " + corrupt + ": it is not a jar (a zip file)"), install::toString);
        Path staged = Files.writeString(tmp.resolve("broken.jar"), "garbage");
        Path deployed = daemon.home.resolve("deploy/broken.jar");
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
        try {
            daemon.await("the deploy folder to report the broken jar", () -> daemon.output()
                    .contains(deployed + " is not installed: it is not a jar (a zip file)"));
        } finally {
            Files.deleteIfExists(deployed);
        }
        assertEquals(before, bundleList());
    }

    @Test
    void bundleInstallUpdateAndRemoveActOnTheDaemon() throws Exception {
        Path v1 = ProbeBundles.probe(Files.createDirectories(tmp.resolve("v1")), "1.1.0");
        Path v2 = ProbeBundles.probe(Files.createDirectories(tmp.resolve("v2")), "1.2.0");
        Exekutir.Result install = daemon.cli().run("bundle", "install", v1.toString());
        assertEquals(0, install.exit(), install::toString);
        assertEquals("ACTIVE 1.1.0", bundleList().get(ProbeBundles.PROBE));

        Exekutir.Result update = daemon.cli().run("bundle", "update", ProbeBundles.PROBE, v2.toString());
        assertEquals(0, update.exit(), update::toString);
        assertTrue(update.stdout().contains("1.1.0 -> 1.2.0"), update::toString);
        assertTrue(update.stdout().contains("refreshed " + ProbeBundles.PROBE + " ["), "only the probe: " + update);
        assertFalse(update.stdout().contains("org.exekutir.engine"), update::toString);
        assertEquals("ACTIVE 1.2.0", bundleList().get(ProbeBundles.PROBE));

        Exekutir.Result remove = daemon.cli().run("bundle", "remove", ProbeBundles.PROBE);
        assertEquals(0, remove.exit(), remove::toString);
        assertFalse(bundleList().containsKey(ProbeBundles.PROBE));

        Exekutir.Result again = daemon.cli().run("bundle", "remove", ProbeBundles.PROBE);
        assertEquals(1, again.exit(), again::toString);
        assertTrue(again.stderr().contains("no bundle named " + ProbeBundles.PROBE), again::toString);
    }
}
