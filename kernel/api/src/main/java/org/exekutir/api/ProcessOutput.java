package org.exekutir.api;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child process's standard output and standard error go. Made by {@link #of} and
 * the factories below, not a record's constructor, so that a later version can route more
 * (standard input, say) in a minor release. The destinations are records: each is one fact
 * that will not grow; a new kind of destination would be a new record.
 */
public final class ProcessOutput {

    private final Destination stdout;
    private final Destination stderr;

    private ProcessOutput(Destination stdout, Destination stderr) {
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        if (stdout instanceof Merged) {
            throw new IllegalArgumentException("standard output cannot be merged into itself");
        }
    }

    /**
     * @param stdout destination of standard output
     * @param stderr destination of standard error; {@link Merged} sends it to {@code stdout}
     */
    public static ProcessOutput of(Destination stdout, Destination stderr) {
        return new ProcessOutput(stdout, stderr);
    }

    /** @return destination of standard output */
    public Destination stdout() {
        return stdout;
    }

    /** @return destination of standard error; {@link Merged} sends it to {@link #stdout()} */
    public Destination stderr() {
        return stderr;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessOutput that && stdout.equals(that.stdout) && stderr.equals(that.stderr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stdout, stderr);
    }

    @Override
    public String toString() {
        return "ProcessOutput[stdout=" + stdout + ", stderr=" + stderr + "]";
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
