package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCommandTest {

    @TempDir
    Path tmp;

    @Test
    void operationsBecomeConsoleCommandsWithAbsoluteFiles() throws IOException {
        Path jar = Files.createFile(tmp.resolve("my provider.jar"));
        assertEquals(List.of("bundles"), BundleCommand.consoleCommand(List.of("list"), tmp));
        assertEquals(List.of("install", jar.toString()),
                BundleCommand.consoleCommand(List.of("install", "my provider.jar"), tmp));
        assertEquals(List.of("install", "https://example.org/p.jar"),
                BundleCommand.consoleCommand(List.of("install", "https://example.org/p.jar"), tmp));
        assertEquals(List.of("update", "org.example.p", jar.toString()),
                BundleCommand.consoleCommand(List.of("update", "org.example.p", jar.toString()), tmp));
        assertEquals(List.of("update", "12"), BundleCommand.consoleCommand(List.of("update", "12"), tmp));
        assertEquals(List.of("remove", "12"), BundleCommand.consoleCommand(List.of("remove", "12"), tmp));
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage(List.of(), "needs an operation");
        assertMessage(List.of("start"), "unknown bundle operation 'start'");
        assertMessage(List.of("install"), "wrong number of arguments for bundle install");
        assertMessage(List.of("list", "extra"), "wrong number of arguments for bundle list");
        assertMessage(List.of("install", "missing.jar"), "no such file: missing.jar");
    }

    private void assertMessage(List<String> args, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleCommand.consoleCommand(args, tmp));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void withoutADaemonTheCommandSaysSoAndExitsUnavailable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String previous = System.getProperty(Home.PROPERTY);
        System.setProperty(Home.PROPERTY, tmp.toString());
        try {
            int code = BundleCommand.run(List.of("list"), tmp, tmp, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(Main.NO_DAEMON, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("no daemon is running for " + tmp), err::toString);
        } finally {
            if (previous == null) {
                System.clearProperty(Home.PROPERTY);
            } else {
                System.setProperty(Home.PROPERTY, previous);
            }
        }
    }
}
