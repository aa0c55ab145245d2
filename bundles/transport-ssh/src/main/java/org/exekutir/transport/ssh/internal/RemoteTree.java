package org.exekutir.transport.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.sync.ChecksumCache;
import org.exekutir.sync.Checksums;
import org.exekutir.sync.EntryType;
import org.exekutir.sync.Manifest;
import org.exekutir.sync.StatKey;
import org.exekutir.sync.TreeEntry;

/**
 * A tree on the remote host, read with GNU {@code find -printf} and {@code md5sum} in as
 * few round trips as possible. Beside it (never inside) live its checksum cache
 * ({@code .NAME.exekutir-sums}) and the staging folder of a push ({@code .NAME.exekutir-staging}).
 */
final class RemoteTree {

    private static final String FIND_FORMAT = "%y %m %s %i %T@ %C@ %P\\0";

    private final RemoteShell shell;
    private final String root;
    private final String parent;
    private final String name;

    /** What one scan found. */
    record Scan(Manifest manifest, long epochSecond, ChecksumCache cache, String problems) {
    }

    RemoteTree(RemoteShell shell, String root) throws IOException {
        this.shell = shell;
        String trimmed = root.replaceAll("/+$", "");
        if (trimmed.isEmpty() || trimmed.equals(".") || trimmed.equals("..") || trimmed.endsWith("/..")
                || trimmed.endsWith("/.")) {
            throw new PermanentFailureException("cannot sync the remote folder '" + root + "': name a folder, not a root or '.'");
        }
        this.root = trimmed;
        int slash = trimmed.lastIndexOf('/');
        this.parent = slash < 0 ? "." : slash == 0 ? "/" : trimmed.substring(0, slash);
        this.name = trimmed.substring(slash + 1);
    }

    String root() {
        return root;
    }

    String parent() {
        return parent;
    }

    String staging() {
        return parent + "/." + name + ".exekutir-staging";
    }

    String cacheFile() {
        return parent + "/." + name + ".exekutir-sums";
    }

    /**
     * Lists the tree (following links when it is a sync's source) and reads its cache, in
     * one round trip. A missing root gives an empty manifest.
     */
    Scan scan(boolean followLinks) throws IOException, InterruptedException {
        String script = "r=" + Shell.quote(root) + "; c=" + Shell.quote(cacheFile()) + "\n"
                + "date +%s\n"
                + "s=0; if [ -e \"$r\" ] || [ -L \"$r\" ]; then cd \"$r\" 2>/dev/null || cd /; "
                + "find " + (followLinks ? "-L" : "-P") + " " + "\"$r\"/. -printf '" + FIND_FORMAT + "' || s=$?; fi\n"
                + "printf '\\000%s\\000' \"$s\"\n"
                + "cat -- \"$c\" 2>/dev/null; exit 0\n";
        RemoteShell.Result result = shell.call(script, new byte[0]);
        if (result.status() != 0) {
            throw new PermanentFailureException("cannot list " + root + " on " + shell.target() + ": " + result.stderr().strip());
        }
        return parseScan(result.stdout(), result.stderr());
    }

    private Scan parseScan(byte[] out, String stderr) throws IOException {
        int newline = indexOf(out, (byte) '\n', 0);
        long epoch = Long.parseLong(new String(out, 0, newline, StandardCharsets.US_ASCII).strip());
        Manifest manifest = new Manifest();
        int at = newline + 1;
        while (true) {
            int end = indexOf(out, (byte) 0, at);
            if (end < 0) {
                throw new IOException("unexpected listing of " + root + " from " + shell.target());
            }
            if (end == at) {
                at = end + 1;
                break;
            }
            manifest.add(entry(new String(out, at, end - at, StandardCharsets.UTF_8)));
            at = end + 1;
        }
        int statusEnd = indexOf(out, (byte) 0, at);
        String status = new String(out, at, statusEnd - at, StandardCharsets.US_ASCII);
        ChecksumCache cache = ChecksumCache.parse(Arrays.copyOfRange(out, statusEnd + 1, out.length));
        String problems = status.equals("0") ? "" : stderr.strip().isEmpty() ? "find exited with " + status : stderr.strip();
        return new Scan(manifest, epoch, cache, problems);
    }

    private static TreeEntry entry(String record) {
        String[] f = record.split(" ", 7);
        EntryType type = switch (f[0]) {
            case "f" -> EntryType.FILE;
            case "d" -> EntryType.DIR;
            default -> EntryType.OTHER;
        };
        long size = type == EntryType.FILE ? Long.parseLong(f[2]) : 0;
        long mtime = StatKey.nanosOf(f[4]);
        StatKey key = new StatKey(Long.parseLong(f[3]), size, mtime, StatKey.nanosOf(f[5]));
        return new TreeEntry(f[6], type, Integer.parseInt(f[1], 8) & 0777, size, Math.floorDiv(mtime, 1_000_000_000L), key);
    }

    /** Checksums from the cache, the rest with one {@code md5sum} run on the host. */
    Checksums checksums(Scan scan, int[] computedCounter) {
        return files -> {
            Map<String, String> sums = new HashMap<>();
            List<TreeEntry> missing = new ArrayList<>();
            for (TreeEntry file : files) {
                scan.cache().lookup(file.path(), file.key()).ifPresentOrElse(s -> sums.put(file.path(), s),
                        () -> missing.add(file));
            }
            if (!missing.isEmpty()) {
                computedCounter[0] += missing.size();
                sums.putAll(md5sums(missing, scan.cache()));
            }
            return sums;
        };
    }

    private Map<String, String> md5sums(List<TreeEntry> files, ChecksumCache cache) throws IOException, InterruptedException {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (TreeEntry file : files) {
            names.writeBytes(file.path().getBytes(StandardCharsets.UTF_8));
            names.write(0);
        }
        RemoteShell.Result result = shell.call("cd " + Shell.quote(root) + " && date +%s && xargs -0 md5sum --",
                names.toByteArray());
        String[] lines = result.stdoutText().split("\n");
        if (result.status() != 0 || lines.length != files.size() + 1) {
            throw new PermanentFailureException("cannot compute checksums in " + root + " on " + shell.target() + ": "
                    + result.stderr().strip());
        }
        long readSecond = Long.parseLong(lines[0].strip());
        Map<String, String> sums = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            // md5sum prefixes a line with '\' when it escapes the name; the name itself is not needed
            String line = lines[i + 1].startsWith("\\") ? lines[i + 1].substring(1) : lines[i + 1];
            String sum = line.substring(0, 32);
            TreeEntry file = files.get(i);
            sums.put(file.path(), sum);
            cache.record(file.path(), file.key(), readSecond, sum);
        }
        return sums;
    }

    /** Replaces the remote cache file when it changed (through a temporary file and a rename). */
    void saveCache(ChecksumCache cache) throws IOException, InterruptedException {
        if (!cache.changed()) {
            return;
        }
        String file = Shell.quote(cacheFile());
        String temporary = Shell.quote(cacheFile() + ".tmp");
        RemoteShell.Result result = shell.call("[ -d " + Shell.quote(parent) + " ] && cat > " + temporary
                + " && mv -f -- " + temporary + " " + file, cache.toBytes());
        if (result.status() != 0) {
            throw new PermanentFailureException("cannot write " + cacheFile() + " on " + shell.target() + ": "
                    + result.stderr().strip());
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
