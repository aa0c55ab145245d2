package org.exekutir.qemu.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A conversation with a VM's QEMU Machine Protocol socket: one JSON object per line, so the
 * few commands the provider sends ({@code system_powerdown}, {@code quit}) need no library.
 * Each answer is waited for a bounded time: a stuck qemu never hangs destruction.
 */
final class Qmp {

    private static final Duration ANSWER = Duration.ofSeconds(5);

    private Qmp() {
    }

    /** Sends the command after the greeting and capabilities; @return whether qemu took it */
    static boolean send(Path socket, String command) throws InterruptedException {
        AtomicReference<Boolean> taken = new AtomicReference<>(false);
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
        Thread talk = new Thread(() -> {
            try (channel) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                        StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(channel);
                if (in.readLine() == null) {
                    return;
                }
                if (!execute(in, out, "qmp_capabilities")) {
                    return;
                }
                taken.set(execute(in, out, command));
            } catch (IOException e) {
                // qemu went away mid-conversation: it did not take the command (or quit at once)
            }
        }, "qmp " + socket.getFileName());
        talk.setDaemon(true);
        talk.start();
        talk.join(ANSWER.toMillis() * 2);
        if (talk.isAlive()) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing what does not answer
            }
        }
        return taken.get();
    }

    /** Events may come before the answer; the answer is the first line with "return" or "error". */
    private static boolean execute(BufferedReader in, OutputStream out, String command) throws IOException {
        out.write(("{\"execute\": \"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String line; (line = in.readLine()) != null;) {
            if (line.contains("\"return\"")) {
                return true;
            }
            if (line.contains("\"error\"")) {
                return false;
            }
        }
        return command.equals("quit");
    }
}
