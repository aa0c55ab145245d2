package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jdk.net.UnixDomainPrincipal;

import org.exekutir.launch.ControlCommands;
import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.exekutir.launch.WorkspaceLock;
import org.osgi.framework.Bundle;

/**
 * What the daemon does for each admitted connection: an attached transition or cycle, or one
 * console command — its own ({@code help}, {@code status}, {@code transitions},
 * {@code transition-log}) or one a bundle answers through {@link ControlCommands}.
 * A member of the control group sees only the transitions it started; the daemon's user sees all.
 */
final class Daemon implements ControlServer.Handler {

    /** How long a run waits for the workspace of a run whose caller went away to be given back. */
    private static final long ABORTED_RUN_WAIT_MILLIS = 60_000;
    private static final Map<String, String> OWN_COMMANDS = new LinkedHashMap<>();

    static {
        OWN_COMMANDS.put("help", "help                        this list");
        OWN_COMMANDS.put("status", "status                      pid, uptime, bundles, running transitions, memory");
        OWN_COMMANDS.put("transitions", "transitions                 running and recent transitions, with exit codes");
        OWN_COMMANDS.put("transition-log", "transition-log ID           what a transition printed");
    }

    private final Path home;
    private final Kernel kernel;
    private final TransitionHistory history;
    private final Peers peers;
    private final Instant started = Instant.now();
    private final Set<AttachedRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    Daemon(Path home, Kernel kernel, TransitionHistory history, Peers peers) {
        this.home = home;
        this.kernel = kernel;
        this.history = history;
        this.peers = peers;
    }

    Path home() {
        return home;
    }

    TransitionHistory history() {
        return history;
    }

    TransitionService engine() throws KernelException {
        return kernel.transitionService();
    }

    /**
     * Takes a workspace for an attached run. A run whose caller was killed or went away stops
     * as quickly as its entry allows, but still holds its workspace for that moment: the
     * caller's next command (a cleanup) waits for it instead of finding the workspace busy,
     * as it would not after a killed one-shot process.
     */
    WorkspaceLock lock(Path workspace, String holder) throws WorkspaceBusyException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ABORTED_RUN_WAIT_MILLIS);
        while (true) {
            try {
                return WorkspaceLock.acquire(workspace, "exekutir daemon, "
                        + holder);
            } catch (WorkspaceBusyException busy) {
                if (running.stream().noneMatch(AttachedRun::aborted) || System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    void started(AttachedRun run) {
        running.add(run);
    }

    void ended(AttachedRun run) {
        running.remove(run);
    }

    /**
     * The daemon stops: no new request is taken, running transitions are interrupted as by a
     * first signal, and get {@code waitMillis} to end (a cycle's cleanup runs too).
     */
    void stop(long waitMillis) {
        stopping = true;
        running.forEach(AttachedRun::interrupt);
        long deadline = System.currentTimeMillis() + waitMillis;
        while (!running.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void serve(UnixDomainPrincipal peer, InputStream in, OutputStream out) throws IOException {
        Wire.Frame first = Wire.read(in);
        if (first == null || first.type() != Wire.REQUEST) {
            return;
        }
        Outbox outbox = new Outbox(out, "exekutir-control-writer");
        try {
            Wire.Request request = Wire.decode(first.payload());
            if (stopping) {
                fail(outbox, "the daemon is stopping; nothing was run", Main.NO_DAEMON);
            } else if (request.kind() == Wire.Kind.RUN) {
                run(request, peer, in, outbox);
            } else {
                command(request.words(), peer, outbox);
            }
        } catch (IOException e) {
            fail(outbox, e.getMessage(), Main.USAGE_ERROR);
        } finally {
            outbox.close();
        }
    }

    private void run(Wire.Request request, UnixDomainPrincipal peer, InputStream in, Outbox outbox)
            throws IOException {
        CommandLine line;
        try {
            line = CommandLine.parse(request.words(), Path.of(request.cwd()),
                    request.environment());
        } catch (CommandLine.UsageException e) {
            outbox.send(Wire.STDERR, ("exekutir: " + e.getMessage() + "\n" + CommandLine.USAGE)
                    .getBytes(StandardCharsets.UTF_8));
            outbox.send(Wire.EXIT, Wire.code(Main.USAGE_ERROR));
            return;
        }
        if (line.action() != CommandLine.Action.RUN && line.action() != CommandLine.Action.CYCLE) {
            fail(outbox, "the daemon runs transitions and cycles, not: " + String.join(" ", request.words()),
                    Main.USAGE_ERROR);
            return;
        }
        AttachedRun.serve(line, request, peer.user().getName(), in, outbox, this);
    }

    private void command(List<String> words, UnixDomainPrincipal peer, Outbox outbox) {
        if (words.isEmpty()) {
            fail(outbox, "no command; try: help", 1);
            return;
        }
        String name = words.get(0);
        List<String> arguments = words.subList(1, words.size());
        try {
            String output = switch (name) {
                case "help" -> help();
                case "status" -> status(peer);
                case "transitions" -> transitions(peer);
                case "transition-log" -> transitionLog(arguments, peer);
                default -> bundleCommand(name, arguments);
            };
            if (!output.isEmpty()) {
                outbox.send(Wire.STDOUT, (output.endsWith("\n") ? output : output + "\n").getBytes(StandardCharsets.UTF_8));
            }
            outbox.send(Wire.EXIT, Wire.code(0));
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            fail(outbox, message, 1);
        } catch (LinkageError e) {
            // a console bundle that cannot load a class of its own: the caller is told, the daemon serves on
            fail(outbox, "the command failed inside the daemon: " + e, 1);
        }
    }

    private String bundleCommand(String name, List<String> arguments) throws Exception {
        Optional<ControlCommands> commands = kernel.service(ControlCommands.class);
        if (commands.isEmpty() || !commands.get().commands().containsKey(name)) {
            throw new IllegalArgumentException("unknown command '" + name + "'"
                    + (commands.isEmpty() ? " (the console bundle is not running)" : "") + "\n" + help());
        }
        return commands.get().execute(name, arguments);
    }

    private String help() {
        StringBuilder text = new StringBuilder();
        OWN_COMMANDS.values().forEach(line -> text.append(line).append('\n'));
        kernel.service(ControlCommands.class)
                .ifPresent(commands -> commands.commands().values().forEach(line -> text.append(line).append('\n')));
        return text.toString();
    }

    private String status(UnixDomainPrincipal peer) {
        List<Bundle> bundles = kernel.bundles();
        long active = bundles.stream().filter(bundle -> bundle.getState() == Bundle.ACTIVE).count();
        List<TransitionHistory.Record> records = history.all();
        List<TransitionHistory.Record> now = records.stream().filter(TransitionHistory.Record::running).toList();
        List<TransitionHistory.Record> yours = visible(now, peer);
        Runtime runtime = Runtime.getRuntime();
        StringBuilder text = new StringBuilder();
        text.append("exekutir daemon: running\n");
        text.append("  pid          ").append(ProcessHandle.current().pid()).append('\n');
        text.append("  home         ").append(home).append('\n');
        text.append("  user         ").append(peers.owner().getName())
                .append(peers.group() == null ? "" : " (and group " + peers.group().getName() + ")").append('\n');
        text.append("  uptime       ").append(uptime()).append('\n');
        text.append("  socket       ").append(ControlSocket.of(home)).append('\n');
        text.append("  bundles      ").append(bundles.size()).append(" (").append(active).append(" active)\n");
        text.append("  transitions  ").append(now.size()).append(" running, ").append(records.size() - now.size())
                .append(" in the history\n");
        text.append("  memory       RSS ").append(residentMiB()).append(" MiB, heap ")
                .append((runtime.totalMemory() - runtime.freeMemory()) >> 20).append(" of ")
                .append(runtime.totalMemory() >> 20).append(" MiB\n");
        if (!yours.isEmpty()) {
            text.append('\n').append(table(yours));
        }
        return text.toString();
    }

    private String uptime() {
        Duration up = Duration.between(started, Instant.now());
        return String.format("%dd %02dh %02dm %02ds", up.toDays(), up.toHoursPart(), up.toMinutesPart(),
                up.toSecondsPart());
    }

    private static String residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: unknown
        }
        return "?";
    }

    private String transitions(UnixDomainPrincipal peer) {
        return table(visible(history.all(), peer));
    }

    private List<TransitionHistory.Record> visible(List<TransitionHistory.Record> records, UnixDomainPrincipal peer) {
        if (peers.isOwner(peer)) {
            return records;
        }
        return records.stream().filter(record -> record.user().equals(peer.user().getName())).toList();
    }

    private String transitionLog(List<String> arguments, UnixDomainPrincipal peer) throws IOException {
        if (arguments.size() != 1 || !arguments.get(0).matches("\\d{1,18}")) {
            throw new IllegalArgumentException("usage: transition-log ID");
        }
        long id = Long.parseLong(arguments.get(0));
        TransitionHistory.Record record = history.get(id);
        if (record == null || visible(List.of(record), peer).isEmpty()) {
            throw new IllegalArgumentException("no transition " + id + " (see: transitions)");
        }
        Path log = history.log(id);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String table(List<TransitionHistory.Record> records) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATE", "EXIT", "USER", "CONTEXT", "WORKSPACE", "FILE", "START", "END"});
        for (TransitionHistory.Record record : records) {
            rows.add(new String[] {Long.toString(record.id()), record.state(),
                record.exit() == null ? "-" : record.exit().toString(), record.user(), record.context(),
                record.workspace(), record.file(), record.start().toString(),
                record.end() == null ? "-" : record.end().toString()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void fail(Outbox outbox, String message, int code) {
        outbox.send(Wire.STDERR, ("exekutir: " + message + "\n").getBytes(StandardCharsets.UTF_8));
        outbox.send(Wire.EXIT, Wire.code(code));
    }
}
