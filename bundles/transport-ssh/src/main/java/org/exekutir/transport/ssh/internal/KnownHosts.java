package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known-hosts file with trust on first use: a host seen for the first time has
 * its key appended; a host already listed must present one of its listed keys. Hashed
 * entries ({@code |1|salt|hash}, as OpenSSH writes them with {@code HashKnownHosts}) and
 * comma-separated host lists are understood. Writers in this JVM take a lock per file, and
 * an exclusive file lock keeps other processes that lock it (other exekutir runs) from
 * interleaving with us.
 */
final class KnownHosts {

    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** What a check found. */
    enum Verdict {
        /** the key was listed for the host */
        KNOWN,
        /** the host was not listed; its key has now been recorded */
        RECORDED,
        /** the host is listed with other keys */
        CHANGED
    }

    private record Line(List<String> hosts, String type, String key) {
    }

    private final Path file;

    KnownHosts(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /** The name OpenSSH files a host under: {@code host}, or {@code [host]:port} when the port is not 22. */
    static String hostName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** @return the key types recorded for a host (so the connection asks for one of those) */
    Set<String> typesOf(String host) throws IOException {
        Set<String> types = new LinkedHashSet<>();
        for (Line line : read()) {
            if (matches(line, host)) {
                types.add(line.type);
            }
        }
        return types;
    }

    /** Checks a host's key, recording it when the host is new. */
    Verdict check(String host, String type, byte[] key) throws IOException {
        String encoded = Base64.getEncoder().encodeToString(key);
        ReentrantLock lock = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                boolean listed = false;
                for (Line line : read()) {
                    if (matches(line, host)) {
                        listed = true;
                        if (line.type.equals(type) && line.key.equals(encoded)) {
                            return Verdict.KNOWN;
                        }
                    }
                }
                if (listed) {
                    return Verdict.CHANGED;
                }
                append(channel, host + " " + type + " " + encoded + "\n");
                return Verdict.RECORDED;
            }
        } finally {
            lock.unlock();
        }
    }

    private static void append(FileChannel channel, String line) throws IOException {
        long size = channel.size();
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            if (last.get(0) != '\n') {
                line = "\n" + line;
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        long position = size;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
    }

    private List<Line> read() throws IOException {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String text = raw.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("@")) {
                continue; // markers (@cert-authority, @revoked) name no plain host key
            }
            String[] fields = text.split("\\s+");
            if (fields.length >= 3) {
                lines.add(new Line(List.of(fields[0].split(",")), fields[1], fields[2]));
            }
        }
        return lines;
    }

    private static boolean matches(Line line, String host) {
        for (String pattern : line.hosts) {
            if (pattern.startsWith("|1|") ? hashedMatches(pattern, host) : pattern.equals(host)) {
                return true;
            }
        }
        return false;
    }

    /** OpenSSH's hashed form: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, host))}. */
    private static boolean hashedMatches(String pattern, String host) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(hash, Base64.getDecoder().decode(parts[3]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
