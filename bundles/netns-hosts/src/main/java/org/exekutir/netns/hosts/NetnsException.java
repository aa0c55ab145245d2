package org.exekutir.netns.hosts;

import java.io.IOException;

/** Something the netns provider could not do; the message says what and why, never a secret. */
public class NetnsException extends IOException {

    private static final long serialVersionUID = 1L;

    public NetnsException(String message) {
        super(message);
    }

    public NetnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
