package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.parseEnv;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The runtime as shipped: where it runs from, its version, its archive, its example. */
class RuntimeLayoutTest extends WorkspaceTest {

    /** target/exekutir-VERSION.tar.gz next to the runtime folder. */
    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Exekutir.HOME.getParent())) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("exekutir-.+\\.tar\\.gz"))
                    .toList();
            assertEquals(1, archives.size(), "one runtime archive next to " + Exekutir.HOME + ": " + archives);
            return archives.get(0);
        }
    }

    private static String version() throws IOException {
        String name = archive().getFileName().toString();
        return name.substring("exekutir-".length(), name.length() - ".tar.gz".length());
    }

    private static void assertRuntime(Path home) {
        for (String folder : List.of("bin", "lib", "bundle", "bundle/daemon", "conf", "deploy", "examples", "features")) {
            assertTrue(Files.isDirectory(home.resolve(folder)), folder + "/ missing in " + home);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/exekutir")), "bin/exekutir must be executable");
    }

    private Map<String, String> runDump(Exekutir exekutir, Path workspace, Path xn) {
        Exekutir.Result result = exekutir.run("setup", workspace.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        return parseEnv(read(workspace.resolve("env.txt")));
    }

    @Test
    void versionPrintsTheVersion() throws IOException {
        Exekutir.Result result = new Exekutir().run("--version");
        assertEquals(0, result.exit(), result::toString);
        assertEquals("exekutir " + version(), result.stdout().strip());
    }

    @Test
    void runtimeFolderHasItsLayout() {
        assertRuntime(Exekutir.HOME);
    }

    @Test
    void runsFromAnyCurrentDirectory() throws IOException {
        Path xn = write(tmp.resolve("job.xn"), DUMP_ENV);
        for (Path cwd : List.of(Path.of("/"), Files.createDirectories(tmp.resolve("some/where/else")),
                Exekutir.HOME.resolve("bin"))) {
            Map<String, String> env = runDump(new Exekutir().in(cwd), ws, xn);
            assertEquals(Exekutir.HOME.toRealPath().toString(), env.get("ADEPT_PATH"), "from " + cwd);
        }
    }

    @Test
    void runsThroughASymbolicLink() throws IOException {
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("on-path")).resolve("exekutir"),
                Exekutir.HOME.resolve("bin/exekutir"));
        Path xn = write(tmp.resolve("job.xn"), DUMP_ENV);
        Map<String, String> env = runDump(new Exekutir(link).in(tmp), ws, xn);
        assertEquals(Exekutir.HOME.toRealPath().toString(), env.get("ADEPT_PATH"));
    }

    @Test
    void runsFromAPathWithSpaces() throws IOException {
        Path home = tmp.resolve("with space").resolve("exekutir");
        copyTree(Exekutir.HOME, home);
        Path workspace = Files.createDirectories(tmp.resolve("my work space"));
        Path xn = write(tmp.resolve("a job folder").resolve("my job.xn"), DUMP_ENV + """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch "$ADEPT_PATH/../touched by job"'
                """);
        Map<String, String> env = runDump(new Exekutir(home.resolve("bin/exekutir")).in(tmp), workspace, xn);
        assertEquals(home.toRealPath().toString(), env.get("ADEPT_PATH"));
        assertEquals(workspace.toRealPath().toString(), env.get("WORKSPACE"));
        assertTrue(Files.exists(tmp.resolve("with space/touched by job")));
    }

    @Test
    void archiveUnpacksToARunnableRuntime() throws Exception {
        Path archive = archive();
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), "tar: " + output);
        Path home = unpacked.resolve("exekutir-" + version());
        assertRuntime(home);
        Path xn = write(tmp.resolve("job.xn"), DUMP_ENV);
        Map<String, String> env = runDump(new Exekutir(home.resolve("bin/exekutir")).in(tmp), ws, xn);
        assertEquals(home.toRealPath().toString(), env.get("ADEPT_PATH"));
    }

    @Test
    void shippedExampleRunsInSetup() {
        Exekutir.Result result = new Exekutir().in(tmp)
                .run("setup", ws.toString(), Exekutir.HOME.resolve("examples/demo.xn").toString());
        assertEquals(0, result.exit(), result::toString);
        assertTrue(Files.exists(ws.resolve("demo-setup.txt")), result::toString);
    }

    /** Copies a runtime: what it is, not a daemon's state ({@code run/}: its socket, logs, storage). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                if (from.relativize(source).startsWith("run")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
