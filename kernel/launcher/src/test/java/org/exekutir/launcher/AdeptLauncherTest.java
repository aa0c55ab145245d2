package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script, run by /bin/sh. The runtime it starts is a stand-in that records its
 * arguments: what the real runtime makes of {@code --adept-path} is the end-to-end tests'.
 */
class AdeptLauncherTest {

    @TempDir
    Path scratch;

    private Path home;
    private Path checkout;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void runtime() throws Exception {
        home = Files.createDirectories(scratch.resolve("home with 'quote'")).toRealPath();
        Path exekutir = Files.createDirectories(home.resolve("bin")).resolve("exekutir");
        Files.writeString(exekutir, "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        Files.setPosixFilePermissions(exekutir, PosixFilePermissions.fromString("rwxr-xr-x"));
        checkout = Files.createDirectories(scratch.resolve("ADEPT")).toRealPath();
    }

    private int write() {
        return AdeptLauncher.write(checkout, home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String run(Path launcher, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void itRunsTheRuntimeWithItsOwnFolderAsAdeptPath() throws Exception {
        assertEquals(0, write(), err.toString());
        Path launcher = checkout.resolve("adept.py");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)));
        assertEquals("[--adept-path]\n[" + checkout + "]\n[setup]\n[ws]\n[exekutir.xn]\n[-e x=1]\n",
                run(launcher, Map.of(), "setup", "ws", "exekutir.xn", "-e x=1"));
        assertTrue(out.toString().contains(launcher.toString()), out.toString());
    }

    @Test
    void aCopyTakesTheFolderItIsCopiedToAndALinkTheFolderOfItsTarget() throws Exception {
        write();
        Path kommandir = Files.createDirectories(checkout.resolve("ws/kommandir_workspace"));
        Path copy = Files.copy(checkout.resolve("adept.py"), kommandir.resolve("adept.py"),
                StandardCopyOption.COPY_ATTRIBUTES);
        assertTrue(run(copy, Map.of(), "run", ".", "job.xn").startsWith("[--adept-path]\n[" + kommandir + "]\n"));
        Path link = Files.createSymbolicLink(scratch.resolve("adept.py"), copy);
        assertTrue(run(link, Map.of(), "run").startsWith("[--adept-path]\n[" + kommandir + "]\n"),
                "found by its real path, as adept.py found its own");
    }

    @Test
    void whereTheRuntimeIsGoneTheOneOnPathRuns() throws Exception {
        write();
        Path bin = home.resolve("bin");
        Path moved = Files.move(bin, scratch.resolve("elsewhere"));
        assertTrue(run(checkout.resolve("adept.py"), Map.of("PATH", moved + ":/usr/bin:/bin"), "setup")
                .startsWith("[--adept-path]\n"));
        ProcessBuilder lost = new ProcessBuilder(checkout.resolve("adept.py").toString(), "setup")
                .redirectErrorStream(true);
        lost.environment().put("PATH", "/usr/bin:/bin");
        Process process = lost.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(127, process.waitFor());
        assertTrue(said.contains("exekutir is not at " + home.resolve("bin/exekutir") + ", nor on PATH"), said);
    }

    @Test
    void adeptsOwnAdeptPyIsNeverOverwrittenButItsOwnLauncherIs() throws Exception {
        Path original = Files.writeString(checkout.resolve("adept.py"), "#!/usr/bin/env python\n# ADEPT\n");
        assertEquals(AdeptLauncher.CANNOT_WRITE, write());
        assertEquals("#!/usr/bin/env python\n# ADEPT\n", Files.readString(original));
        assertTrue(err.toString().contains("is not exekutir's launcher"), err.toString());
        Files.delete(original);
        assertEquals(0, write());
        assertEquals(0, write(), "a launcher of its own is rewritten");
        try (var files = Files.list(checkout)) {
            assertEquals(List.of(checkout.resolve("adept.py")), files.toList(), "no partial file left");
        }
    }
}
