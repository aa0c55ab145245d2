package org.exekutir.launcher;

/** The kernel could not start or provide the engine; the message says why. */
final class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    KernelException(String message) {
        super(message);
    }

    KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
