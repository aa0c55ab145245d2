package org.exekutir.launcher;

import java.util.function.BooleanSupplier;

/**
 * A second signal, or a client that is gone: the run must stop now. One interrupt is not
 * enough for that. It folds into the first signal's when both come at once, and a library
 * waiting inside (JSch opening a channel) may swallow it. So the worker is interrupted again
 * every {@value #EVERY_MILLIS} ms: the next one that lands ends a child's grace, and the
 * child is killed at once.
 */
final class Abort {

    private static final long EVERY_MILLIS = 200;

    private Abort() {
    }

    /** Interrupts {@code worker} every {@value #EVERY_MILLIS} ms until {@code done}, at most {@code millis}. */
    static void interruptUntilDone(Thread worker, BooleanSupplier done, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean() && worker.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!done.getAsBoolean()) {
                worker.interrupt();
            }
        }
    }
}
