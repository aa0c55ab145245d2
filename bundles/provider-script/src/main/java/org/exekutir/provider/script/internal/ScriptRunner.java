package org.exekutir.provider.script.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.secret.SecretMask;
import org.exekutir.processes.ChildProcesses;

/**
 * Runs one provider command to its end: standard output is collected (it may be host
 * variables), standard error is collected and passed on line by line as it arrives, and
 * both are kept, masked, in a file under {@code results/} whatever happened — also when
 * the command failed, could not start, or was interrupted.
 */
final class ScriptRunner {

    private final Consumer<String> stderrLines;

    /** @param stderrLines receives each line of standard error, masked, prefixed by the host's name */
    ScriptRunner(Consumer<String> stderrLines) {
        this.stderrLines = stderrLines;
    }

    /**
     * @param positional the words the command gets as {@code $1}, {@code $2} …
     * @param kept       the file where the raw outcome is kept
     * @throws InterruptedException when this thread is interrupted; the command and its
     *         descendants have then been told to stop, and the outcome so far is kept
     */
    ScriptResult run(ScriptCommand command, List<String> positional, ScriptEnvironment environment, String host,
            Path kept) throws IOException, InterruptedException {
        if (!Files.isDirectory(command.directory())) {
            throw new IOException(command.setting() + " of " + host + " cannot run: its folder (chdir) "
                    + command.directory() + " does not exist or is not a folder");
        }
        SecretMask masker = environment.secrets();
        ProcessBuilder builder = new ProcessBuilder(command.argv(positional)).directory(command.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment.variables());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        LineSink lines = new LineSink(line -> stderrLines.accept(host + ": " + masker.mask(line)));
        String outcome = "did not start";
        try {
            int code = ChildProcesses.run(builder,
                    ProcessOutput.of(new ProcessOutput.ToStream(stdout), new ProcessOutput.ToStream(new Tee(stderr, lines))));
            outcome = "exit code " + code;
            return new ScriptResult(code, stdout.toByteArray(), stderr.toByteArray());
        } catch (InterruptedException e) {
            outcome = "interrupted (the command and its children were told to stop)";
            throw e;
        } catch (IOException e) {
            outcome = "could not start: " + e.getMessage();
            throw new IOException(command.setting() + " of " + host + " could not start " + command.shell() + ": "
                    + e.getMessage(), e);
        } finally {
            lines.finish();
            keep(kept, command, masker, outcome, stdout.toByteArray(), stderr.toByteArray());
        }
    }

    /** Writes the masked record of a run; output bytes are kept as they were, apart from masked values. */
    private static void keep(Path file, ScriptCommand command, SecretMask masker, String outcome, byte[] stdout,
            byte[] stderr) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(masker.mask(("command: " + command.command().strip() + "\n"
                    + "directory: " + command.directory() + "\n"
                    + "outcome: " + outcome + "\n"
                    + "----- standard output -----\n").getBytes(StandardCharsets.UTF_8)));
            out.write(masker.mask(stdout));
            out.write(ending(stdout));
            out.write("----- standard error -----\n".getBytes(StandardCharsets.UTF_8));
            out.write(masker.mask(stderr));
            out.write(ending(stderr));
        }
    }

    private static byte[] ending(byte[] output) {
        return output.length == 0 || output[output.length - 1] == '\n' ? new byte[0] : new byte[] { '\n' };
    }

    /** Copies into two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /** Cuts bytes into lines; a partial line waits for its end (flushes do not cut it). */
    private static final class LineSink extends OutputStream {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        synchronized void finish() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            lines.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
