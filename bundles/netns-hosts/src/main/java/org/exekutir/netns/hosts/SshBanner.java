package org.exekutir.netns.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

/** Whether a host is up, as ssh sees it: a server greets on its address. */
public final class SshBanner {

    private SshBanner() {
    }

    /** @return whether an SSH server greets on the address (its banner starts with {@code SSH-}) */
    public static boolean answers(String address) throws InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, HostCreation.SSH_PORT), 1000);
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] banner = new byte[4];
            int read = 0;
            for (int n; read < banner.length && (n = in.read(banner, read, banner.length - read)) > 0;) {
                read += n;
            }
            return read == banner.length && new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while waiting for sshd on " + address);
            }
            return false;
        }
    }

    /** Fails the wait at once when what should answer has ended. */
    @FunctionalInterface
    public interface StillStarting {
        StillStarting ALWAYS = () -> {
        };

        void check() throws IOException;
    }

    /**
     * Waits until an SSH server greets on the address, polling every {@code pollMillis}.
     *
     * @return how long it took, in milliseconds; empty when it did not within the limit
     */
    public static OptionalLong await(String address, Duration limit, long pollMillis, StillStarting starting)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for sshd on " + address);
            }
            if (answers(address)) {
                return OptionalLong.of((System.nanoTime() - started) / 1_000_000);
            }
            starting.check();
            Thread.sleep(pollMillis);
        }
        return OptionalLong.empty();
    }
}
