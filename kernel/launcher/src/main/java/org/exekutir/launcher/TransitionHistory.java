package org.exekutir.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daemon's transitions, past and running: one record ({@code ID.record}) and one log
 * ({@code ID.log}, what the caller was shown) each, in a folder only the daemon's user may
 * enter, files 0600. They outlive the daemon: at start a record still marked running
 * belonged to a daemon that died, and becomes {@code interrupted}. The oldest finished ones
 * go once there are more than {@value #KEEP_PROPERTY} or they are older than
 * {@value #DAYS_PROPERTY} days.
 */
final class TransitionHistory {

    static final String KEEP_PROPERTY = "exekutir.history.keep";
    static final String DAYS_PROPERTY = "exekutir.history.days";
    static final int DEFAULT_KEEP = 1000;
    static final int DEFAULT_DAYS = 30;

    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_0600 =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);

    /**
     * One transition (or cycle) of the daemon.
     *
     * @param state {@code running}, {@code finished} or {@code interrupted}
     * @param exit  null unless finished
     */
    record Record(long id, String user, String context, String workspace, String file, Instant start, Instant end,
            String state, Integer exit) {

        Record finish(int code) {
            return new Record(id, user, context, workspace, file, start, now(), "finished", code);
        }

        Record interrupted() {
            return new Record(id, user, context, workspace, file, start, end, "interrupted", exit);
        }

        boolean running() {
            return state.equals("running");
        }
    }

    private final Path folder;
    private final int keep;
    private final Duration maxAge;
    private final TreeMap<Long, Record> records = new TreeMap<>();
    private long lastId;

    private TransitionHistory(Path folder, int keep, Duration maxAge) {
        this.folder = folder;
        this.keep = keep;
        this.maxAge = maxAge;
    }

    /** Opens the folder (made owner-only), reads what earlier daemons left, marks their running ones interrupted. */
    static TransitionHistory open(Path folder, int keep, int days) throws IOException {
        TransitionHistory history = new TransitionHistory(folder, Math.max(1, keep), Duration.ofDays(Math.max(1, days)));
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.record")) {
            for (Path file : files) {
                history.load(file);
            }
        }
        history.prune();
        return history;
    }

    private void load(Path file) {
        try {
            Record record = read(file);
            if (record.running()) {
                record = record.interrupted();
                write(record);
            }
            records.put(record.id(), record);
            lastId = Math.max(lastId, record.id());
        } catch (IOException | RuntimeException e) {
            System.err.println("exekutir: daemon: ignoring an unreadable transition record " + file + ": " + e);
        }
    }

    /**
     * Records a transition that starts now and makes its log (0600). The record is kept in
     * memory even when it cannot be written (a full disk): the history must never stop a
     * transition — least of all a cleanup — from running.
     */
    synchronized Record begin(String user, String context, String workspace, String file) {
        Record record = new Record(++lastId, user, context, workspace, file, now(), null, "running", null);
        records.put(record.id(), record);
        try {
            Files.deleteIfExists(log(record.id()));
            Files.createFile(log(record.id()), FILE_0600);
            write(record);
        } catch (IOException e) {
            System.err.println("exekutir: daemon: transition " + record.id() + " runs without a record on disk: " + e);
        }
        return record;
    }

    /**
     * The log a running transition appends to; not interruptible (a plain file stream), unlike
     * a channel. Nothing when the log could not be made.
     */
    OutputStream appendLog(Record record) {
        Path log = log(record.id());
        try {
            return Files.isRegularFile(log) ? new FileOutputStream(log.toFile(), true) : OutputStream.nullOutputStream();
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    synchronized void end(Record record, int code) {
        Record finished = record.finish(code);
        records.put(finished.id(), finished);
        try {
            write(finished);
        } catch (IOException e) {
            System.err.println("exekutir: daemon: cannot record the end of transition " + record.id() + ": " + e);
        }
        prune();
    }

    synchronized List<Record> all() {
        return new ArrayList<>(records.values());
    }

    synchronized Record get(long id) {
        return records.get(id);
    }

    Path log(long id) {
        return folder.resolve(id + ".log");
    }

    /** Drops the oldest finished ones beyond the count and those past the age. */
    private void prune() {
        Instant oldest = Instant.now().minus(maxAge);
        List<Record> finished = records.values().stream().filter(record -> !record.running())
                .sorted(Comparator.comparingLong(Record::id)).toList();
        int excess = records.size() - keep;
        for (Record record : finished) {
            boolean tooOld = record.start().isBefore(oldest);
            if (excess <= 0 && !tooOld) {
                continue;
            }
            records.remove(record.id());
            excess--;
            try {
                Files.deleteIfExists(folder.resolve(record.id() + ".record"));
                Files.deleteIfExists(log(record.id()));
            } catch (IOException e) {
                System.err.println("exekutir: daemon: cannot remove transition " + record.id() + ": " + e);
            }
        }
    }

    private void write(Record record) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("id", Long.toString(record.id()));
        properties.setProperty("user", record.user());
        properties.setProperty("context", record.context());
        properties.setProperty("workspace", record.workspace());
        properties.setProperty("file", record.file());
        properties.setProperty("start", record.start().toString());
        properties.setProperty("state", record.state());
        if (record.end() != null) {
            properties.setProperty("end", record.end().toString());
        }
        if (record.exit() != null) {
            properties.setProperty("exit", Integer.toString(record.exit()));
        }
        Path file = folder.resolve(record.id() + ".record");
        Path partial = folder.resolve(record.id() + ".record.partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, FILE_0600);
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            properties.store(writer, null);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Record read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> p = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> p.put(key, properties.getProperty(key)));
        return new Record(Long.parseLong(p.get("id")), p.getOrDefault("user", "?"), p.getOrDefault("context", "?"),
                p.getOrDefault("workspace", "?"), p.getOrDefault("file", "?"), Instant.parse(p.get("start")),
                p.containsKey("end") ? Instant.parse(p.get("end")) : null, p.getOrDefault("state", "running"),
                p.containsKey("exit") ? Integer.valueOf(p.get("exit")) : null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
