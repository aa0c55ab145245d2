package org.exekutir.transport.ssh.internal;

import java.io.IOException;

/**
 * A failure that another attempt would not fix: the host answered and said no (a command
 * failed, a folder is not a folder, a key is refused). Only other failures, a lost or
 * refused connection, are retried.
 */
class PermanentFailureException extends IOException {

    private static final long serialVersionUID = 1L;

    PermanentFailureException(String message) {
        super(message);
    }

    PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
