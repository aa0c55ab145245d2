package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The count of signals, without handlers installed into this JVM. (A real second signal
 * ends the process, so it is the end-to-end tests' to see.)
 */
class SignalsTest {

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();
    private final Signals signals = new Signals(new PrintStream(said, true, StandardCharsets.UTF_8),
            stops::incrementAndGet, aborts::incrementAndGet);

    @Test
    void theFirstSignalStopsOnce() {
        assertFalse(signals.stopping());
        signals.received("INT", 1_000_000_000L);
        assertTrue(signals.stopping());
        assertFalse(signals.aborted());
        assertEquals(1, stops.get());
        assertTrue(said.toString().contains("SIGINT: stopping"), said.toString());
    }

    @Test
    void theSameSignalDeliveredTwiceAtOnceIsOneSignal() {
        long first = 5_000_000_000L;
        signals.received("TERM", first);
        signals.received("TERM", first + 2_000_000L);
        signals.received("TERM", first + Signals.SAME_SIGNAL_NANOS - 1);
        assertTrue(signals.stopping());
        assertFalse(signals.aborted(), "a forwarded copy is not a second signal");
        assertEquals(1, stops.get());
        assertEquals(0, aborts.get());
        assertEquals(1, said.toString().lines().count(), said.toString());
    }

    /** The JVM runs each signal on a thread of its own: a copy arriving at once races the first. */
    @Test
    void aCopyArrivingOnAnotherThreadAtTheSameMomentIsStillOneSignal() throws Exception {
        for (int round = 0; round < 200; round++) {
            Signals fresh = new Signals(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    stops::incrementAndGet, aborts::incrementAndGet);
            long now = System.nanoTime();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] copies = new Thread[2];
            for (int i = 0; i < copies.length; i++) {
                copies[i] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    fresh.received("TERM", now);
                });
                copies[i].start();
            }
            go.countDown();
            for (Thread copy : copies) {
                copy.join();
            }
            assertFalse(fresh.aborted(), "round " + round);
        }
        assertEquals(200, stops.get());
        assertEquals(0, aborts.get());
    }
}
