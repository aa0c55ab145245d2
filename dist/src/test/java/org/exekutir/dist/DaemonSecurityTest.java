package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second, unprivileged local user (made for this class with {@code useradd}, removed after)
 * tries every way into the root daemon: it can neither connect, nor run a transition through
 * it, nor read a job's log, nor install a bundle; root's home is untouched. Each way is its
 * own test. The runtime is a private copy the user may read and run, as an installed one is.
 */
class DaemonSecurityTest {

    static final String USER = "exk" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static Path base;
    static Path home;
    static Daemon daemon;
    /** What a transition through the daemon would make as root, if it ran. */
    static final Path ROOT_MARKER = Path.of("/root/exekutir-security-" + UUID.randomUUID());

    @BeforeAll
    static void userAndDaemon() throws Exception {
        run("useradd", "--no-create-home", "--shell", "/bin/sh", USER);
        base = Files.createTempDirectory("exekutir-security-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        home = Daemon.copyRuntime(base.resolve("home"));
        daemon = Daemon.start(home);
        // a job of root's, whose log the user must not read
        Path ws = Files.createDirectories(base.resolve("root-ws"));
        Exekutir.Result secret = daemon.cli().run("--daemon", "setup", ws.toString(),
                write(base.resolve("secret.xn"), "- command: {filepath: /bin/echo, arguments: root-secret-42}\n").toString());
        assertEquals(0, secret.exit(), secret::toString);
    }

    @AfterAll
    static void removeUserAndDaemon() throws Exception {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            run("userdel", USER);
            Files.deleteIfExists(ROOT_MARKER);
            if (base != null) {
                run("rm", "-rf", base.toString());
            }
        }
    }

    /** Runs a command as the unprivileged user, in a folder of its own. */
    private static Exekutir.Result asUser(String stdin, String... command) throws IOException, InterruptedException {
        Path work = Files.createDirectories(base.resolve("user-" + UUID.randomUUID()));
        run("chown", USER, work.toString());
        List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups",
                "--reset-env", "--"));
        line.add("env");
        line.add("JAVA_HOME=" + System.getProperty("java.home"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).directory(work.toFile()).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS), String.join(" ", line));
        return new Exekutir.Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String program() {
        return home.resolve("bin/exekutir").toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    /** A transition that would show who ran it and write into root's home. */
    private static Path rootProbe() {
        Path xn = write(base.resolve("probe-" + UUID.randomUUID() + ".xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'id -u; touch %s'
                """.formatted(ROOT_MARKER));
        try {
            Files.setPosixFilePermissions(xn, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return xn;
    }

    @Test
    void theUserCannotConnect() throws Exception {
        Exekutir.Result status = asUser("", program(), "status");
        assertEquals(77, status.exit(), status::toString);
        assertTrue(status.stderr().contains("serves only its own user"), status::toString);
        assertFalse(status.stdout().contains("pid"), status::toString);
    }

    @Test
    void theUserCannotRunATransitionThroughTheDaemon() throws Exception {
        Exekutir.Result required = asUser("", program(), "--daemon", "setup", ".", rootProbe().toString());
        assertEquals(77, required.exit(), required::toString);
        assertFalse(Files.exists(ROOT_MARKER), "nothing ran as root");
    }

    @Test
    void withoutAskingForTheDaemonTheUsersTransitionRunsAsTheUser() throws Exception {
        Exekutir.Result oneShot = asUser("", program(), "setup", ".", rootProbe().toString());
        assertNotEquals(0, oneShot.exit(), "touching root's home fails as the user: " + oneShot);
        String uid = oneShot.stdout().lines().findFirst().orElse("");
        assertNotEquals("0", uid, oneShot::toString);
        assertFalse(uid.isBlank(), oneShot::toString);
        assertFalse(Files.exists(ROOT_MARKER), "root's home is untouched");
    }

    @Test
    void theUserCannotReadAJobsLog() throws Exception {
        Exekutir.Result console = asUser("transition-log 1\n", program(), "console");
        assertEquals(77, console.exit(), console::toString);
        assertFalse(console.stdout().contains("root-secret-42"), console::toString);
        Exekutir.Result cat = asUser("", "/bin/cat", home.resolve("run/transitions/1.log").toString());
        assertNotEquals(0, cat.exit(), cat::toString);
        assertFalse(cat.stdout().contains("root-secret-42"), cat::toString);
        Exekutir.Result list = asUser("", "/bin/ls", home.resolve("run/transitions").toString());
        assertNotEquals(0, list.exit(), list::toString);
    }

    @Test
    void theUserCannotInstallABundle() throws Exception {
        Path jar = ProbeBundles.probe(Files.createDirectories(base.resolve("jars-" + UUID.randomUUID())), "9.9.9");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Exekutir.Result install = asUser("", program(), "bundle", "install", jar.toString());
        assertEquals(77, install.exit(), install::toString);
        assertFalse(daemon.console("bundles").output().contains(ProbeBundles.PROBE));
    }

    @Test
    void evenWithTheSocketOpenedToAllTheDaemonRefusesTheUserBeforeReadingAndLogsIt() throws Exception {
        Path run = home.resolve("run");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(daemon.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Exekutir.Result required = asUser("", program(), "--daemon", "setup", ".", rootProbe().toString());
            assertEquals(77, required.exit(), required::toString);
            assertTrue(required.stderr().contains("this daemon serves only user root"), required::toString);
            Exekutir.Result console = asUser("transition-log 1\n", program(), "console");
            assertFalse(console.stdout().contains("root-secret-42"), console::toString);
            assertFalse(Files.exists(ROOT_MARKER), "nothing ran as root");
            daemon.await("the refusal to be logged", () -> daemon.output().contains("refused a connection of user " + USER));
        } finally {
            Files.setPosixFilePermissions(daemon.socket(), PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theDaemonRefusesToStartWhenAnotherUserCanWriteWhereItLoadsCodeFrom() throws Exception {
        Path other = Daemon.copyRuntime(base.resolve("other-" + UUID.randomUUID()));
        Files.setPosixFilePermissions(other.resolve("deploy"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Exekutir.Result refused = new Exekutir(other.resolve("bin/exekutir")).run("daemon");
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.stderr().contains(other.resolve("deploy") + " is writable by others"), refused::toString);
    }
}
