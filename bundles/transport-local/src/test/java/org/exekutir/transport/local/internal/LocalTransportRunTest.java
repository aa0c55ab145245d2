package org.exekutir.transport.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.host.HostVars;
import org.exekutir.sync.CacheLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTransportRunTest {

    private static final HostVars HOST = HostVars.of("kommandir", Map.of("exekutir_transport", "local"));

    @TempDir
    Path work;

    private LocalTransport transport() {
        return new LocalTransport(new CacheLocation(work.resolve("cache")));
    }

    @Test
    void runsInTheFolderWithExactlyTheEnvironmentGiven() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = transport().run(HOST, List.of("/bin/sh", "-c", "pwd; env | sort; echo oops >&2; exit 3"),
                Map.of("ONE", "a b 'c' $d"), work.toString(), ProcessOutput.mergedInto(out));
        assertEquals(3, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith(work.toRealPath() + "\n"), text);
        assertTrue(text.contains("ONE=a b 'c' $d\n"), text);
        assertFalse(text.contains("HOME="), "nothing from this process's environment: " + text);
        assertTrue(text.contains("oops"), text);
    }

    @Test
    void writesOutputToFiles() throws Exception {
        Path stdout = work.resolve("out.txt");
        Path stderr = work.resolve("err.txt");
        int code = transport().run(HOST, List.of("/bin/sh", "-c", "echo out; echo err >&2"), Map.of(), work.toString(),
                ProcessOutput.of(new ProcessOutput.ToFile(stdout), new ProcessOutput.ToFile(stderr)));
        assertEquals(0, code);
        assertEquals("out\n", Files.readString(stdout));
        assertEquals("err\n", Files.readString(stderr));
    }

    @Test
    void anInterruptStopsTheChild() throws Exception {
        Path started = work.resolve("started");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                transport().run(HOST, List.of("/bin/sh", "-c", "echo $$ > started; exec sleep 300"), Map.of(),
                        work.toString(), ProcessOutput.mergedInto(new ByteArrayOutputStream()));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(started) || Files.readString(started).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the child did not start within 30 s: " + thrown.get());
            Thread.sleep(10);
        }
        long pid = Long.parseLong(Files.readString(started).strip());
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "run() returned after the interrupt");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        ProcessHandle.of(pid).ifPresent(p -> assertTrue(p.onExit().orTimeout(10, TimeUnit.SECONDS)
                .handle((x, e) -> e == null).join(), "the child is gone"));
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> transport().run(HOST, List.of(), Map.of(), work.toString(), ProcessOutput.inheritMerged()));
    }
}
