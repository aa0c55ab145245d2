package org.exekutir.launcher;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One of a client's two streams: every write becomes one frame of its type, and is also
 * appended to the transition's log.
 */
final class FrameStream extends OutputStream {

    private final Outbox outbox;
    private final byte type;
    private final OutputStream log;

    FrameStream(Outbox outbox, byte type, OutputStream log) {
        this.outbox = outbox;
        this.type = type;
        this.log = log;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        outbox.send(type, bytes, offset, length);
        synchronized (log) {
            try {
                log.write(bytes, offset, length);
            } catch (IOException e) {
                // the log is the operator's copy; the caller's output goes on
            }
        }
    }
}
