package org.exekutir.engine.internal;

/**
 * One thing wrong with a transition file, located for a person to fix it.
 *
 * @param file    the file as named on the command line ({@code <stdin>} for standard input)
 * @param line    1-based line, 0 when unknown
 * @param entry   1-based entry number, 0 when the problem is not inside an entry
 * @param type    the entry's action type, or {@code null}
 * @param message what is wrong, as one sentence
 */
public record Problem(String file, int line, int entry, String type, String message) {

    /** {@code FILE:LINE: entry #N (TYPE) in context CTX: MESSAGE} */
    public String format(String context) {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (entry > 0) {
            text.append("entry #").append(entry);
            if (type != null) {
                text.append(" (").append(type).append(')');
            }
            text.append(' ');
        }
        return text.append("in context ").append(context).append(": ").append(message).toString();
    }
}
