package org.exekutir.engine.internal.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;

/**
 * The {@code stdoutfile}, {@code stderrfile} and {@code exitfile} keys that
 * {@code command} and {@code playbook} share: where output goes, and whether the exit
 * code is written to a file (and the entry then counts as a success) or returned.
 */
record StandardFiles(Optional<Path> stdout, Optional<Path> stderr, Optional<Path> exit) {

    static final String STDOUT = "stdoutfile";
    static final String STDERR = "stderrfile";
    static final String EXIT = "exitfile";

    static StandardFiles of(StepOptions options, StepContext context) {
        return new StandardFiles(path(options, STDOUT, context), path(options, STDERR, context),
                path(options, EXIT, context));
    }

    /**
     * A path option as the steps read it: stripped, substituted from the environment, resolved.
     * {@value #DEFAULT_STREAM} means the default stream, as in {@code adept.py}: no file.
     */
    static Optional<Path> path(StepOptions options, String key, StepContext context) {
        return options.string(key).map(String::strip).filter(s -> !s.isEmpty() && !s.equals(DEFAULT_STREAM))
                .map(value -> path(value, context));
    }

    /** What {@code stdoutfile} or {@code stderrfile} says for "the default stream". */
    static final String DEFAULT_STREAM = "-";

    /** A path as written in a file: substituted from the environment, then resolved. */
    static Path path(String written, StepContext context) {
        return context.resolve(context.substitute(written, context.baseEnvironment()));
    }

    /**
     * Standard output to its file or the console's standard output; standard error to its
     * file, else after standard output when {@code mergeStderr} (a playbook's log reads as
     * one), else to the console's standard error (a command, as adept.py runs it).
     */
    ProcessOutput output(ProcessOutput console, boolean mergeStderr) throws StepException {
        for (Optional<Path> file : java.util.List.of(stdout, stderr, exit)) {
            if (file.isPresent() && !Files.isDirectory(file.get().toAbsolutePath().getParent())) {
                throw new StepException("the folder of " + file.get() + " does not exist");
            }
        }
        ProcessOutput.Destination out = stdout.<ProcessOutput.Destination>map(ProcessOutput.ToFile::new)
                .orElse(console.stdout());
        ProcessOutput.Destination err = stderr.<ProcessOutput.Destination>map(ProcessOutput.ToFile::new)
                .orElse(mergeStderr ? new ProcessOutput.Merged() : console.stderr());
        return ProcessOutput.of(out, err);
    }

    /** @return the code to report: 0 once it is written to the exit file, else the code itself */
    int finish(int code) throws StepException {
        if (exit.isEmpty()) {
            return code;
        }
        try {
            Files.writeString(exit.get(), Integer.toString(code));
            return 0;
        } catch (IOException e) {
            throw new StepException("cannot write the exit code to " + exit.get() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the step's child and returns its exit code. */
    interface Child {
        int start() throws StepException, InterruptedException;
    }

    /**
     * Runs the child and reports its exit code as {@link #finish} does; a failure to start it
     * is handled as {@link #failed} says.
     */
    int run(Child child, StepContext context) throws StepException, InterruptedException {
        try {
            return finish(child.start());
        } catch (StepException failure) {
            return failed(failure, context);
        }
    }

    /**
     * A failure before or while the child ran (a missing program or playbook, a file that
     * cannot be opened): with an exit file it is parked there as exit 1 and the transition
     * goes on, as {@code adept.py} does (ADEPT's own cleanup relies on it); without one it
     * stops the transition.
     */
    private int failed(StepException failure, StepContext context) throws StepException {
        if (exit.isEmpty()) {
            throw failure;
        }
        context.messages().println("exekutir: " + context.redact(failure.getMessage()) + "; exit 1 written to "
                + exit.get() + ", the transition goes on");
        try {
            Files.writeString(exit.get(), "1");
        } catch (IOException e) {
            throw failure;
        }
        return 0;
    }

    /** The header lines for the files that are set. */
    Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        stdout.ifPresent(path -> lines.put(STDOUT, path.toString()));
        stderr.ifPresent(path -> lines.put(STDERR, path.toString()));
        exit.ifPresent(path -> lines.put(EXIT, path.toString()));
        return lines;
    }
}
