package org.exekutir.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * The frames going to one client, written by a thread of their own. The thread that runs a
 * transition is interrupted when its caller asks to stop, and an interrupted thread that
 * writes to a socket channel closes it; so that thread only queues. A slow reader holds
 * back its own transition once {@value #LIMIT} bytes wait, never the daemon.
 */
final class Outbox implements AutoCloseable {

    private static final int LIMIT = 1 << 20;
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final OutputStream out;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final Thread writer;
    private int queued;
    private boolean closed;
    private boolean broken;

    Outbox(OutputStream out, String name) {
        this.out = out;
        this.writer = new Thread(this::drain, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues one frame; waits, without giving in to interrupts, while too much is queued. */
    void send(byte type, byte[] bytes, int offset, int length) {
        byte[] frame = Wire.frame(type, bytes, offset, length);
        boolean interrupted = false;
        synchronized (this) {
            while (queued > LIMIT && !broken && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!broken && !closed) {
                queue.add(frame);
                queued += frame.length;
                notifyAll();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void send(byte type, byte[] bytes) {
        send(type, bytes, 0, bytes.length);
    }

    /** Whether the client is gone (a write failed). */
    synchronized boolean broken() {
        return broken;
    }

    private void drain() {
        while (true) {
            byte[][] frames;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                frames = queue.toArray(new byte[0][]);
                queue.clear();
            }
            try {
                for (byte[] frame : frames) {
                    out.write(frame);
                }
                out.flush();
            } catch (IOException e) {
                synchronized (this) {
                    broken = true;
                    queue.clear();
                }
            }
            synchronized (this) {
                for (byte[] frame : frames) {
                    queued -= frame.length;
                }
                notifyAll();
            }
        }
    }

    /** Sends what is queued (bounded wait), then stops the writer. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = Thread.interrupted();
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
