package org.exekutir.api;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child process's standard output and standard error go.
 *
 * @param stdout destination of standard output
 * @param stderr destination of standard error; {@link Merged} sends it to {@code stdout}
 */
public record ProcessOutput(Destination stdout, Destination stderr) {

    public ProcessOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        if (stdout instanceof Merged) {
            throw new IllegalArgumentException("standard output cannot be merged into itself");
        }
    }

    /** A destination for one output stream. */
    public sealed interface Destination permits Inherit, ToFile, ToStream, Merged {
    }

    /** The child writes straight to this process's own stream: no copying, no delay. */
    public record Inherit() implements Destination {
    }

    /** The child writes to a file, truncated first. */
    public record ToFile(Path file) implements Destination {
        public ToFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Output is copied, as it arrives, into a stream (a console, a log, a buffer). */
    public record ToStream(OutputStream stream) implements Destination {
        public ToStream {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /** Standard error joins standard output. */
    public record Merged() implements Destination {
    }

    /** Both streams into this process's own standard output, as a terminal shows them. */
    public static ProcessOutput inheritMerged() {
        return new ProcessOutput(new Inherit(), new Merged());
    }

    /** Both streams copied, interleaved as they arrive, into one stream. */
    public static ProcessOutput mergedInto(OutputStream stream) {
        return new ProcessOutput(new ToStream(stream), new Merged());
    }
}
