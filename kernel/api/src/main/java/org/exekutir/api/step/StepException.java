package org.exekutir.api.step;

/**
 * A step could not do its work. The message is for people: say what is wrong and,
 * where it helps, what to do; never put a secret in it. The engine adds the file,
 * entry number and context.
 */
public class StepException extends Exception {
    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
