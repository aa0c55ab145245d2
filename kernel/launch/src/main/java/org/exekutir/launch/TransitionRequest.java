package org.exekutir.launch;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One transition to run.
 *
 * @param context          the context word ({@code setup}, {@code run}, {@code cleanup}, …)
 * @param workspace        the workspace, absolute and normalised
 * @param file             the transition file, absolute; {@code -} for {@link #stdin()}
 * @param optional         the OPTIONAL words joined by one space; empty when none
 * @param home             the folder of the program's default files ({@code ADEPT_PATH})
 * @param workingDirectory what relative paths in the file are resolved against
 * @param environment      the caller's whole environment
 * @param stdin            where a file named {@code -} is read from
 * @param out              the caller's standard output
 * @param err              the caller's standard error: headers and messages
 * @param processStdio     {@code out} and {@code err} are this process's own standard
 *                         streams, so children may write to them directly
 */
public record TransitionRequest(String context, Path workspace, String file, String optional, Path home,
        Path workingDirectory, Map<String, String> environment, InputStream stdin, PrintStream out, PrintStream err,
        boolean processStdio) {

    /** The {@link #file()} that means standard input. */
    public static final String STDIN = "-";

    public TransitionRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(optional, "optional");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
