package org.exekutir.transport.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.testing.Trees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands, host keys and dropped connections, against a private sshd per test. */
class SshTransportTest {

    private static final SyncOptions MIRROR = SyncOptions.of(true, List.of(), List.of());

    @TempDir
    Path work;

    private Sshd sshd;
    private SshTransport transport;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        sshd = Sshd.start();
        knownHosts = work.resolve("ssh/known_hosts");
        transport = new SshTransport(new CacheLocation(work.resolve("cache")), bytes -> { });
    }

    @AfterEach
    void stop() throws Exception {
        assertEquals(0, transport.openSessions(), "sessions left open");
        transport.deactivate();
        sshd.close();
    }

    private HostVars host() {
        return sshd.host(knownHosts);
    }

    @Test
    void runReturnsTheExitCodeAndKeepsTheStreamsApart() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = transport.run(host(), List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 7"), Map.of(), "/",
                ProcessOutput.of(new ProcessOutput.ToStream(out), new ProcessOutput.ToStream(err)));
        assertEquals(7, code);
        assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, transport.run(host(), List.of("true"), Map.of(), "/", ProcessOutput.mergedInto(out)));
    }

    @Test
    void outputArrivesWhileTheCommandRuns() throws Exception {
        // the command waits for a file the test creates only after it has seen the first line
        Path go = work.resolve("go");
        StringBuilder seen = new StringBuilder();
        OutputStream watcher = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                seen.append((char) b);
                if (seen.toString().contains("first\n")) {
                    Files.writeString(go, "go");
                }
            }
        };
        int code = transport.run(host(), List.of("/bin/sh", "-c",
                "echo first; i=0; while [ ! -e \"$1\" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; "
                        + "[ -e \"$1\" ] && echo second", "sh", go.toString()),
                Map.of(), "/", ProcessOutput.mergedInto(watcher));
        assertEquals(0, code, "the first line reached us before the command ended: " + seen);
        assertEquals("first\nsecond\n", seen.toString());
    }

    @Test
    void environmentAndWorkingFolderArriveIntact() throws Exception {
        Path folder = Files.createDirectories(work.resolve("a folder with 'quotes' and $dollar"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TRICKY", "it's a \"test\" with $HOME, `backticks`, \\ and ; rm -rf x");
        environment.put("EMPTY", "");
        environment.put("MULTI", "line one\nline two");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = transport.run(host(), List.of("/bin/sh", "-c", "pwd; printf '[%s]' \"$TRICKY\" \"$EMPTY\" \"$MULTI\""),
                environment, folder.toString(), ProcessOutput.mergedInto(out));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        assertEquals(folder + "\n[it's a \"test\" with $HOME, `backticks`, \\ and ; rm -rf x][][line one\nline two]",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anInterruptStopsTheRemoteCommand() throws Exception {
        String seconds = Integer.toString(3000 + ThreadLocalRandom.current().nextInt(100_000));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                transport.run(host(), List.of("sleep", seconds), Map.of(), "/",
                        ProcessOutput.mergedInto(new ByteArrayOutputStream()));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sleeping(seconds).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(sleeping(seconds).isEmpty(), "the remote command started");
        caller.interrupt();
        caller.join(30_000);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        deadline = System.nanoTime() + 30_000_000_000L;
        while (!sleeping(seconds).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!sleeping(seconds).isEmpty()) {
            System.err.println(Files.readString(sshd.folder().resolve("sshd.log")));
        }
        assertEquals(List.of(), sleeping(seconds), "the remote command is no longer running");
    }

    private static List<ProcessHandle> sleeping(String seconds) {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/sleep")
                && List.of(p.info().arguments().orElse(new String[0])).equals(List.of(seconds))).toList();
    }

    @Test
    void theHostKeyIsRecordedOnFirstUseAndAChangedOneIsRefused() throws Exception {
        assertEquals(0, transport.run(host(), List.of("true"), Map.of(), "/", ProcessOutput.inheritMerged()));
        String[] hostKey = sshd.hostKeyLine().split(" ");
        String recorded = "[127.0.0.1]:" + sshd.port() + " " + hostKey[0] + " " + hostKey[1];
        assertEquals(List.of(recorded), Files.readAllLines(knownHosts));
        assertEquals(0, transport.run(host(), List.of("true"), Map.of(), "/", ProcessOutput.inheritMerged()));
        assertEquals(List.of(recorded), Files.readAllLines(knownHosts), "recorded once");

        // OpenSSH itself accepts the file as written
        Process ssh = new ProcessBuilder("ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
                "UserKnownHostsFile=" + knownHosts, "-i", sshd.folder().resolve("client_key").toString(), "-p",
                Integer.toString(sshd.port()), System.getProperty("user.name") + "@127.0.0.1", "true")
                .redirectErrorStream(true).start();
        String sshOutput = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ssh.waitFor(), sshOutput);

        sshd.newHostKey();
        sshd.restart();
        Path source = work.resolve("source");
        Trees.write(source, "a.txt", "a", "rw-r--r--");
        Path destination = work.resolve("destination");
        IOException refused = assertThrows(HostKeyRefusedException.class,
                () -> transport.push(source, host(), destination.toString(), MIRROR));
        assertTrue(refused.getMessage().contains("[127.0.0.1]:" + sshd.port()), refused.getMessage());
        assertTrue(refused.getMessage().contains(knownHosts.toString()), refused.getMessage());
        assertFalse(Files.exists(destination), "nothing was transferred");
        assertThrows(HostKeyRefusedException.class,
                () -> transport.run(host(), List.of("touch", destination.toString()), Map.of(), "/",
                        ProcessOutput.inheritMerged()));
        assertFalse(Files.exists(destination), "nothing ran");
        assertEquals(List.of(recorded), Files.readAllLines(knownHosts), "the new key was not recorded");
    }

    @Test
    void hashedEntriesWrittenByOpenSshAreUnderstood() throws Exception {
        String[] hostKey = sshd.hostKeyLine().split(" ");
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " " + hostKey[0] + " " + hostKey[1] + "\n");
        Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", knownHosts.toString()).redirectErrorStream(true).start();
        hash.getInputStream().readAllBytes();
        assertEquals(0, hash.waitFor());
        String hashed = Files.readString(knownHosts);
        assertTrue(hashed.startsWith("|1|"), hashed);
        assertEquals(0, transport.run(host(), List.of("true"), Map.of(), "/", ProcessOutput.inheritMerged()));
        assertEquals(hashed, Files.readString(knownHosts), "known already: nothing added");
    }

    @Test
    void concurrentFirstUsesLoseNoEntry() throws Exception {
        KnownHosts file = new KnownHosts(knownHosts);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            byte[] key = ("key" + i).getBytes(StandardCharsets.US_ASCII);
            String name = "host-" + i;
            threads.add(new Thread(() -> {
                try {
                    file.check(name, "ssh-ed25519", key);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(16, lines.size(), lines.toString());
        for (int i = 0; i < 16; i++) {
            assertEquals(KnownHosts.Verdict.KNOWN,
                    file.check("host-" + i, "ssh-ed25519", ("key" + i).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void withoutAKnownHostsFileNothingConnects() {
        Map<String, Object> vars = new HashMap<>(host().values());
        vars.remove(HostVars.KNOWN_HOSTS_FILE);
        IOException e = assertThrows(IOException.class, () -> transport.run(HostVars.of("kommandir", vars),
                List.of("true"), Map.of(), "/", ProcessOutput.inheritMerged()));
        assertTrue(e.getMessage().contains("kommandir") && e.getMessage().contains(HostVars.KNOWN_HOSTS_FILE),
                e.getMessage());
    }

    @Test
    void aDroppedConnectionIsRetriedAndNeverLeavesATruncatedFile() throws Exception {
        Path source = work.resolve("source");
        Path destination = work.resolve("destination");
        Random random = new Random(7);
        Map<String, byte[]> old = new HashMap<>();
        Map<String, byte[]> fresh = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            byte[] before = new byte[512 * 1024];
            byte[] after = new byte[512 * 1024 + 100];
            random.nextBytes(before);
            random.nextBytes(after);
            String name = "f" + i + ".bin";
            Files.createDirectories(destination);
            Files.write(destination.resolve(name), before);
            Files.createDirectories(source);
            Files.write(source.resolve(name), after);
            old.put(name, before);
            fresh.put(name, after);
        }
        List<String> problems = new ArrayList<>();
        boolean[] dropped = {false};
        SshTransport breaking = new SshTransport(new CacheLocation(work.resolve("cache")), sent -> {
            if (!dropped[0] && sent > 2 * 1024 * 1024) {
                dropped[0] = true;
                sshd.dropConnections();
                for (String name : old.keySet()) {
                    byte[] now = Files.readAllBytes(destination.resolve(name));
                    if (!java.util.Arrays.equals(now, old.get(name)) && !java.util.Arrays.equals(now, fresh.get(name))) {
                        problems.add(name + " is neither the old nor the new file");
                    }
                }
            }
        });
        try {
            SyncReport report = breaking.pushReporting(source, host(), destination.toString(), MIRROR);
            assertTrue(dropped[0], "the connection was dropped mid-transfer");
            assertEquals(2, report.attempts(), report.toString());
            assertEquals(List.of(), problems);
            for (String name : fresh.keySet()) {
                assertTrue(java.util.Arrays.equals(fresh.get(name), Files.readAllBytes(destination.resolve(name))), name);
            }
            assertFalse(Files.exists(work.resolve(".destination.exekutir-staging")), "staging cleaned up");
            assertEquals(0, breaking.openSessions());
        } finally {
            breaking.deactivate();
        }
    }

    @Test
    void retriesAreBounded() throws Exception {
        Path source = work.resolve("source");
        Trees.write(source, "big.bin", "x".repeat(4 * 1024 * 1024), "rw-r--r--");
        int[] drops = {0};
        SshTransport alwaysBreaking = new SshTransport(new CacheLocation(work.resolve("cache")), sent -> {
            drops[0]++;
            sshd.dropConnections();
        });
        Map<String, Object> vars = new HashMap<>(host().values());
        vars.put("exekutir_sync_retries", "1");
        try {
            assertThrows(IOException.class, () -> alwaysBreaking.pushReporting(source, HostVars.of("kommandir", vars),
                    work.resolve("destination").toString(), MIRROR));
            assertEquals(2, drops[0], "one attempt and one retry");
            assertFalse(Files.exists(work.resolve("destination/big.bin")));
        } finally {
            alwaysBreaking.deactivate();
        }
    }
}
