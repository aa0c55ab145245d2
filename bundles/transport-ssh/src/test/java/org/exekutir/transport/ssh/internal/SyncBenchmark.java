package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.testing.Trees;

/**
 * The sync benchmark (run by {@code dist/src/bench/sync-benchmark.sh}): a 10 000-file /
 * 200 MB tree, a private sshd on loopback, our ssh transport and rsync over ssh side by
 * side, interleaved, medians. Prints {@code key=value} lines for the script.
 *
 * <pre>SyncBenchmark WORK_FOLDER RUNS</pre>
 */
public final class SyncBenchmark {

    private static final SyncOptions MIRROR = SyncOptions.of(true, List.of(), List.of());
    private static final int FILES = 10_000;
    private static final long BYTES = 200L * 1000 * 1000;

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path source = work.resolve("source");
        long made = makeTree(source);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Sshd sshd = Sshd.start()) {
            Path knownHosts = work.resolve("known_hosts");
            HostVars host = sshd.host(knownHosts);
            SshTransport ours = new SshTransport(new CacheLocation(work.resolve("cache")), bytes -> { });
            List<String> ssh = List.of("ssh", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o",
                    "StrictHostKeyChecking=accept-new", "-i", sshd.folder().resolve("client_key").toString(), "-p",
                    Integer.toString(sshd.port()));
            String user = System.getProperty("user.name");
            String remoteShell = String.join(" ", ssh);
            Path oursRemote = work.resolve("remote-ours");
            Path rsyncRemote = work.resolve("remote-rsync");
            Path oursBack = work.resolve("back-ours");
            Path rsyncBack = work.resolve("back-rsync");
            for (int run = 0; run <= runs; run++) {          // run 0 warms the JVM up and is not counted
                boolean counted = run > 0;
                clear(oursRemote);
                clear(rsyncRemote);
                record(times, counted, "login", () -> command(concat(ssh, user + "@127.0.0.1", "true")));
                SyncReport full = timed(times, counted, "push_ours",
                        () -> ours.pushReporting(source, host, oursRemote.toString(), MIRROR));
                check(full.filesSent() == FILES, "full push sent " + full);
                record(times, counted, "push_rsync", () -> command(List.of("rsync", "-a", "--copy-links", "--delete",
                        "-e", remoteShell, source + "/", user + "@127.0.0.1:" + rsyncRemote + "/")));
                SyncReport none = timed(times, counted, "resync_ours",
                        () -> ours.pushReporting(source, host, oursRemote.toString(), MIRROR));
                check(none.filesSent() == 0 && none.bytesSent() == 0,
                        "no-change re-sync sent " + none);
                if (counted) {
                    times.computeIfAbsent("resync_ours_checksummed", k -> new ArrayList<>()).add((double) none.checksummed());
                }
                record(times, counted, "resync_rsync", () -> command(List.of("rsync", "-a", "--copy-links", "--delete",
                        "--checksum", "-e", remoteShell, source + "/", user + "@127.0.0.1:" + rsyncRemote + "/")));
                clear(oursBack);
                clear(rsyncBack);
                SyncReport pulled = timed(times, counted, "pull_ours",
                        () -> ours.pullReporting(host, oursRemote.toString(), oursBack, MIRROR));
                check(pulled.filesSent() == FILES, "pull sent " + pulled);
                record(times, counted, "pull_rsync", () -> command(List.of("rsync", "-a", "--copy-links", "--delete",
                        "-e", remoteShell, user + "@127.0.0.1:" + rsyncRemote + "/", rsyncBack + "/")));
            }
            check(Trees.describe(source).equals(Trees.describe(oursRemote)), "our push differs from the source");
            check(Trees.describe(rsyncRemote).equals(Trees.describe(oursRemote)), "our push differs from rsync's");
            check(Trees.describe(rsyncBack).equals(Trees.describe(oursBack)), "our pull differs from rsync's");
            ours.deactivate();
        }
        System.out.println("files=" + FILES);
        System.out.println("bytes=" + made);
        System.out.println("runs=" + runs);
        times.forEach((name, values) -> System.out.printf("%s=%.0f%n", name, median(values)));
    }

    /** 10 000 files in 100 folders, sizes spread around 20 kB, 200 MB in all, random content. */
    private static long makeTree(Path root) throws IOException {
        Random random = new Random(2026);
        long total = 0;
        long average = BYTES / FILES;
        for (int i = 0; i < FILES; i++) {
            int size = (int) (average / 2 + random.nextInt((int) average + 1));
            if (i == FILES - 1) {
                size = (int) Math.max(0, BYTES - total);
            }
            byte[] content = new byte[size];
            random.nextBytes(content);
            Path file = root.resolve("dir" + (i % 100)).resolve("file-" + i + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            total += size;
        }
        return total;
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T timed(Map<String, List<Double>> times, boolean counted, String name, Step<T> step)
            throws Exception {
        long start = System.nanoTime();
        T result = step.run();
        double millis = (System.nanoTime() - start) / 1e6;
        if (counted) {
            times.computeIfAbsent(name, k -> new ArrayList<>()).add(millis);
        }
        System.err.printf("%s %.0f ms%n", name, millis);
        return result;
    }

    private static void record(Map<String, List<Double>> times, boolean counted, String name, Step<?> step)
            throws Exception {
        timed(times, counted, name, step);
    }

    private static Object command(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        Collections.addAll(all, more);
        return all;
    }

    private static void clear(Path tree) throws IOException {
        Trees.deleteTree(tree);
        Files.deleteIfExists(tree.resolveSibling("." + tree.getFileName() + ".exekutir-sums"));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
