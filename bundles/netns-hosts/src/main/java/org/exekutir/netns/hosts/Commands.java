package org.exekutir.netns.hosts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ProcessOutput;
import org.exekutir.processes.ChildProcesses;

/**
 * Runs the system programs the provider drives ({@code ip}, {@code nsenter}, {@code sshd},
 * {@code ssh-keygen}) with a fixed small environment, and turns a failure into a message
 * naming the command and its standard error.
 */
public final class Commands {

    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** What a finished command printed. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        public NetnsException failure() {
            String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
            return new NetnsException("`" + String.join(" ", command) + "` failed (exit " + exitCode + ")"
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
    }

    public Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", PATH, "LC_ALL", "C"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try {
            code = ChildProcesses.run(builder,
                    ProcessOutput.of(new ProcessOutput.ToStream(stdout), new ProcessOutput.ToStream(stderr)));
        } catch (IOException e) {
            throw new NetnsException("cannot run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        }
        return new Result(List.copyOf(command), code, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }

    /** @return the command's standard output; a failure is an exception */
    public String check(List<String> command) throws IOException, InterruptedException {
        Result result = run(command);
        if (!result.succeeded()) {
            throw result.failure();
        }
        return result.stdout();
    }
}
