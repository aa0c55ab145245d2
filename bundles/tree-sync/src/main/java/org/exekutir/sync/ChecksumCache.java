package org.exekutir.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checksums of a tree's files, keyed by {@link StatKey}, so a re-sync of an unchanged tree
 * reads no content. An entry is trusted only when the file's {@code ctime} lies in an
 * earlier second than the moment its content was read: a write in the same clock tick as
 * the read could otherwise leave the key unchanged (the "racy" case), and every later
 * write moves {@code ctime} past it.
 *
 * <p><em>Pending</em> entries are for files this sync wrote itself: their key is known only
 * after they are renamed into place, so they hold the size, checksum and the window of
 * seconds in which the sync wrote them; the next scan that finds the file with that size
 * and a {@code ctime} inside the window confirms them. A foreign write inside that window,
 * while the sync itself is replacing the same file, is the one change this cannot see.
 */
public final class ChecksumCache {

    private static final String HEADER = "exekutir-sums 1";

    private record Confirmed(StatKey key, long readSecond, String sum) {
    }

    private record Pending(long size, long fromSecond, long toSecond, String sum) {
    }

    private final Map<String, Confirmed> confirmed = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private boolean changed;

    public static ChecksumCache empty() {
        return new ChecksumCache();
    }

    /** @return the cache the file holds; an empty one when it is missing or unreadable */
    public static ChecksumCache load(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            return empty();
        }
    }

    /** Parses {@link #toBytes()}; anything unexpected gives an empty cache (it is only a cache). */
    public static ChecksumCache parse(byte[] bytes) {
        ChecksumCache cache = new ChecksumCache();
        String[] records = new String(bytes, StandardCharsets.UTF_8).split("\0");
        if (records.length == 0 || !records[0].equals(HEADER)) {
            return cache;
        }
        try {
            for (int i = 1; i < records.length; i++) {
                cache.parseRecord(records[i]);
            }
        } catch (RuntimeException e) {
            return empty();
        }
        return cache;
    }

    private void parseRecord(String record) {
        // the path comes last and may itself hold tabs
        String[] f = record.split("\t", record.startsWith("c\t") ? 8 : 6);
        if (f[0].equals("c") && f.length == 8) {
            StatKey key = new StatKey(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
            confirmed.put(f[7], new Confirmed(key, Long.parseLong(f[5]), f[6]));
        } else if (f[0].equals("p") && f.length == 6) {
            pending.put(f[5], new Pending(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]));
        }
    }

    /** @return the checksum of the file's content, when an entry can be trusted */
    public Optional<String> lookup(String path, StatKey key) {
        if (key == null) {
            return Optional.empty();
        }
        Confirmed entry = confirmed.get(path);
        if (entry != null && entry.key.equals(key) && key.ctimeNanos() < entry.readSecond * 1_000_000_000L) {
            return Optional.of(entry.sum);
        }
        Pending written = pending.get(path);
        long ctimeSecond = Math.floorDiv(key.ctimeNanos(), 1_000_000_000L);
        if (written != null && written.size == key.size() && ctimeSecond >= written.fromSecond
                && ctimeSecond <= written.toSecond) {
            pending.remove(path);
            record(path, key, written.toSecond + 1, written.sum);
            return Optional.of(written.sum);
        }
        return Optional.empty();
    }

    /**
     * @param readSecond the second (epoch, same clock as the file's {@code ctime}) in which
     *                   reading the content began
     */
    public void record(String path, StatKey key, long readSecond, String sum) {
        Confirmed entry = new Confirmed(key, readSecond, sum);
        if (!entry.equals(confirmed.put(path, entry))) {
            changed = true;
        }
        pending.remove(path);
    }

    /** Records a file this sync wrote between {@code fromSecond} and {@code toSecond}. */
    public void recordWritten(String path, long size, long fromSecond, long toSecond, String sum) {
        confirmed.remove(path);
        pending.put(path, new Pending(size, fromSecond, toSecond, sum));
        changed = true;
    }

    /** Forgets every path not in {@code paths}. */
    public void retainOnly(Set<String> paths) {
        changed |= confirmed.keySet().retainAll(paths);
        changed |= pending.keySet().retainAll(paths);
    }

    public boolean changed() {
        return changed;
    }

    public int size() {
        return confirmed.size() + pending.size();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * (size() + 1));
        write(out, HEADER);
        confirmed.forEach((path, e) -> write(out, String.join("\t", "c", Long.toString(e.key.inode()),
                Long.toString(e.key.size()), Long.toString(e.key.mtimeNanos()), Long.toString(e.key.ctimeNanos()),
                Long.toString(e.readSecond), e.sum, path)));
        pending.forEach((path, p) -> write(out, String.join("\t", "p", Long.toString(p.size),
                Long.toString(p.fromSecond), Long.toString(p.toSecond), p.sum, path)));
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String record) {
        out.writeBytes(record.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /** Writes the cache through a temporary file and a rename, so readers never see half of it. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, toBytes());
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            changed = false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
