package org.exekutir.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who asked for a transition or cycle, as the run sees them: their directory (relative
 * paths), environment ({@code from_env} and the children's allow-list), standard input (a
 * file named {@code -}) and the two streams their output goes to.
 *
 * @param processStdio {@code out} and {@code err} are this process's own standard streams,
 *                     so children may write to them directly (a one-shot run)
 */
record Caller(Path cwd, Map<String, String> environment, InputStream stdin, PrintStream out, PrintStream err,
        boolean processStdio) {
}
