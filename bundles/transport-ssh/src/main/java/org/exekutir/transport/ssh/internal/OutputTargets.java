package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.secret.SecretMask;

/**
 * Where a remote command's two streams go, as a {@link ProcessOutput} says. Every write is
 * flushed at once (output is live); a merged standard error shares standard output's lock,
 * so the two interleave by chunk, never inside one.
 */
final class OutputTargets implements AutoCloseable {

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final OutputStream stdoutFile;
    private final OutputStream stderrFile;
    private final ProcessOutput output;

    OutputTargets(ProcessOutput output) throws IOException {
        this.output = output;
        stdoutFile = output.stdout() instanceof ProcessOutput.ToFile f ? Files.newOutputStream(f.file()) : null;
        OutputStream out = target(output.stdout(), stdoutFile, System.out);
        stdout = new Live(out, out);
        if (output.stderr() instanceof ProcessOutput.Merged) {
            stderrFile = null;
            stderr = new Live(out, out);
        } else {
            stderrFile = output.stderr() instanceof ProcessOutput.ToFile f ? Files.newOutputStream(f.file()) : null;
            OutputStream err = target(output.stderr(), stderrFile, System.err);
            stderr = new Live(err, err);
        }
    }

    private static OutputStream target(ProcessOutput.Destination destination, OutputStream file, OutputStream inherited) {
        if (destination instanceof ProcessOutput.ToStream to) {
            return to.stream();
        }
        return file != null ? file : inherited;
    }

    OutputStream stdout() {
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    /** The command's output has ended: files are closed, masking streams write what they hold. */
    @Override
    public void close() throws IOException {
        for (ProcessOutput.Destination destination : List.of(output.stdout(), output.stderr())) {
            if (destination instanceof ProcessOutput.ToStream to) {
                SecretMask.end(to.stream());
            }
        }
        if (stdoutFile != null) {
            stdoutFile.close();
        }
        if (stderrFile != null) {
            stderrFile.close();
        }
    }

    private static final class Live extends OutputStream {
        private final OutputStream target;
        private final Object lock;

        Live(OutputStream target, Object lock) {
            this.target = target;
            this.lock = lock;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (lock) {
                target.write(b, off, len);
                target.flush();
            }
        }
    }
}
