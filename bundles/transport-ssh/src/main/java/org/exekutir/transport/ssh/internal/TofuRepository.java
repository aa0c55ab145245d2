package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * JSch's view of one connection's {@link KnownHosts}: remembers what the check found, so
 * that a refused key becomes a message naming the host and the file, not JSch's own.
 */
final class TofuRepository implements HostKeyRepository {

    private final KnownHosts knownHosts;
    private volatile KnownHosts.Verdict verdict;
    private volatile IOException failure;

    TofuRepository(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    KnownHosts.Verdict verdict() {
        return verdict;
    }

    IOException failure() {
        return failure;
    }

    @Override
    public int check(String host, byte[] key) {
        try {
            verdict = knownHosts.check(host, typeOf(key), key);
            return verdict == KnownHosts.Verdict.CHANGED ? CHANGED : OK;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            return CHANGED;
        }
    }

    /** The key type is the first string of an SSH public key blob. */
    static String typeOf(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        int length = buffer.getInt();
        return new String(key, 4, length, StandardCharsets.US_ASCII);
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // check() records new hosts itself, under the file's lock
    }

    @Override
    public void remove(String host, String type) {
        // keys are never removed: a changed key must be resolved by a person
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // as above
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.file().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0];
    }
}
