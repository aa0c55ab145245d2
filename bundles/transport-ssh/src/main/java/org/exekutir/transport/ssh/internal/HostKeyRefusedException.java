package org.exekutir.transport.ssh.internal;

import java.io.IOException;

/** The host presented a key other than the one recorded: never retried, never accepted. */
final class HostKeyRefusedException extends PermanentFailureException {

    private static final long serialVersionUID = 1L;

    HostKeyRefusedException(String message) {
        super(message);
    }
}
