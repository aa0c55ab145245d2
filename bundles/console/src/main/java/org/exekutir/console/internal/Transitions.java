package org.exekutir.console.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.exekutir.launch.WorkspaceLock;

/**
 * The daemon's transitions: each runs on a thread of its own, holds its workspace's lock
 * from start to end, and writes its headers and output to
 * {@code run/transitions/START-ID.log} (kept after the daemon stops).
 * Running and finished ones are listed with state and exit code until the daemon stops.
 */
final class Transitions {

    private static final Pattern CONTEXT_WORD = Pattern.compile("[A-Za-z0-9_-]+");
    private static final long STOP_WAIT_MILLIS = 30_000;
    private static final DateTimeFormatter LOG_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Supplier<TransitionService> engine;
    private final Path logFolder;
    private final Path home;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, Run> runs = new ConcurrentHashMap<>();

    Transitions(Supplier<TransitionService> engine, Path home) {
        this.engine = engine;
        this.home = home;
        this.logFolder = home.resolve("run").resolve("transitions");
    }

    /** One transition of the daemon. {@code exit} is null while it runs. */
    record Record(int id, String context, Path workspace, Path file, String optional, Instant start, Instant end,
            Integer exit, Path log) {

        String state() {
            return exit == null ? "running" : "finished";
        }
    }

    private static final class Run {
        private volatile Record record;
        private volatile Thread thread;
    }

    /**
     * Starts a transition in the background once its workspace is free.
     *
     * @throws IllegalArgumentException for bad arguments, named
     * @throws WorkspaceBusyException   when another transition holds the workspace
     */
    Record start(String context, String workspace, String file, String optional)
            throws WorkspaceBusyException, IOException {
        if (!CONTEXT_WORD.matcher(context).matches()) {
            throw new IllegalArgumentException("CONTEXT must be one word of letters, digits, '-' and '_': '"
                    + context + "'");
        }
        Path ws = Path.of(workspace).toAbsolutePath().normalize();
        if (!Files.isDirectory(ws)) {
            throw new IllegalArgumentException("WORKSPACE is not an existing directory: " + workspace);
        }
        Path xn = Path.of(file).toAbsolutePath().normalize();
        if (!file.endsWith(".xn") || !Files.isRegularFile(xn)) {
            throw new IllegalArgumentException("FILE must be an existing transition file ending in .xn: " + file);
        }
        TransitionService service = engine.get();
        if (service == null) {
            throw new IllegalStateException("the transition engine is not running (see: exekutir:bundles)");
        }
        ws = ws.toRealPath();
        Files.createDirectories(logFolder);
        int id = ids.incrementAndGet();
        WorkspaceLock lock = WorkspaceLock.acquire(ws, "exekutir daemon transition " + id + ": " + context + " " + xn);
        Instant start = now();
        // Named by start time too: ids start at 1 in every daemon, logs outlive it.
        Path log = logFolder.resolve(LOG_NAME.format(start.atZone(ZoneOffset.UTC)) + "-" + id + ".log");
        Record record = new Record(id, context, ws, xn.toRealPath(), optional, start, null, null, log);
        Run run = new Run();
        run.record = record;
        runs.put(id, run);
        Thread thread = new Thread(() -> execute(run, lock, service), "exekutir-transition-" + id);
        run.thread = thread;
        thread.start();
        return record;
    }

    private void execute(Run run, WorkspaceLock lock, TransitionService service) {
        Record record = run.record;
        int code = 1;
        try (lock; OutputStream file = Files.newOutputStream(record.log());
                PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            TransitionRequest request = new TransitionRequest(record.context(), record.workspace(),
                    record.file().toString(), record.optional(), home, record.workspace(), System.getenv(),
                    new ByteArrayInputStream(new byte[0]), log, log, false);
            try {
                code = service.run(request);
            } catch (RuntimeException e) {
                log.println("exekutir: the transition failed unexpectedly: " + e);
            }
            log.println("exekutir: transition " + record.id() + " finished, exit " + code);
        } catch (IOException e) {
            System.err.println("exekutir: transition " + record.id() + ": cannot write " + record.log() + ": " + e);
        } finally {
            run.record = new Record(record.id(), record.context(), record.workspace(), record.file(),
                    record.optional(), record.start(), now(), code, record.log());
        }
    }

    List<Record> all() {
        List<Record> all = new ArrayList<>();
        runs.values().forEach(run -> all.add(run.record));
        all.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return all;
    }

    Record get(int id) {
        Run run = runs.get(id);
        if (run == null) {
            throw new IllegalArgumentException("no transition " + id + " (see: exekutir:transitions)");
        }
        return run.record;
    }

    /**
     * The daemon stops: running transitions are interrupted (their running step ends, its
     * child processes are stopped) and each records its exit code and releases its workspace.
     */
    void stopAll() {
        List<Thread> running = new ArrayList<>();
        for (Run run : runs.values()) {
            if (run.record.exit() == null) {
                run.thread.interrupt();
                running.add(run.thread);
            }
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (Thread thread : running) {
            try {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    String table() {
        Table table = new Table().row("ID", "STATE", "EXIT", "CONTEXT", "WORKSPACE", "FILE", "START", "END");
        for (Record record : all()) {
            table.row(record.id(), record.state(), record.exit() == null ? "-" : record.exit(), record.context(),
                    record.workspace(), record.file(), record.start(), record.end() == null ? "-" : record.end());
        }
        return table.toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
