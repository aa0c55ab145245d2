package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;

/**
 * What the native steps share: an {@code exitfile} key with the meaning it has for
 * {@code command} and {@code playbook} — the step's exit code (1 when it failed, with the
 * message printed) is written there and the transition goes on. ADEPT parks exit codes
 * this way so that cleanup runs to its end; a later entry passes them up.
 */
abstract class NativeStep implements StepType {

    static final String EXIT_FILE = "exitfile";

    /** The keys of the step itself. */
    abstract List<OptionSpec> ownOptions();

    /** The step's work; its exit code. */
    abstract int work(StepOptions options, StepContext context) throws StepException, InterruptedException;

    /** The step's name, for messages. */
    abstract String name();

    /** The contexts the step does anything in; empty: every one. */
    Set<String> worksIn() {
        return Set.of();
    }

    /**
     * An entry whose {@code contexts:} are all ones the step does nothing in is a mistake in the
     * file ({@code - peons: {contexts: [run]}}), refused before anything runs.
     */
    @Override
    public List<String> check(StepOptions options, List<String> contexts) {
        List<String> problems = new ArrayList<>(check(options));
        if (!worksIn().isEmpty() && !contexts.isEmpty() && contexts.stream().noneMatch(worksIn()::contains)) {
            problems.add("'" + name() + "' does nothing in " + String.join(", ", contexts) + ": it works only in "
                    + String.join(" and ", new TreeSet<>(worksIn())));
        }
        return problems;
    }

    /** Where the exit code is parked when the file names no {@code exitfile}; empty: returned as usual. */
    Optional<Path> defaultExitFile(StepContext context) {
        return Optional.empty();
    }

    @Override
    public final List<OptionSpec> options() {
        List<OptionSpec> all = new ArrayList<>(ownOptions());
        all.add(OptionSpec.optional(EXIT_FILE, OptionType.STRING));
        return all;
    }

    @Override
    public final int run(StepOptions options, StepContext context) throws StepException, InterruptedException {
        Optional<Path> exitFile = exitFile(options, context);
        if (exitFile.isEmpty()) {
            return work(options, context);
        }
        int code;
        try {
            code = work(options, context);
        } catch (StepException e) {
            context.messages().println("exekutir: " + name() + " failed: " + context.redact(e.getMessage()));
            code = 1;
        } catch (InterruptedException e) {
            park(exitFile.get(), 130, context);
            throw e;
        }
        if (park(exitFile.get(), code, context) && code != 0) {
            context.messages().println(name() + ": exit " + code + " written to " + exitFile.get()
                    + "; the transition goes on");
        }
        return 0;
    }

    /**
     * The global variable that holds an exit code no file could take (a full disk): the
     * transition goes on, and its last entry passes the code up as it does a parked one.
     */
    static final String UNPARKED = "EXEKUTIR_UNPARKED_EXIT";

    /**
     * Parks the code in its file; when the file cannot be written, keeps a failure in
     * {@value #UNPARKED} instead, says so, and lets the transition go on: a cleanup must reach
     * destroy and prune whatever the disk says.
     *
     * @return whether the file was written
     */
    static boolean park(Path file, int code, StepContext context) {
        try {
            park(file, code);
            return true;
        } catch (StepException e) {
            if (code != 0 && context.globals().getOrDefault(UNPARKED, "0").equals("0")) {
                context.setGlobal(UNPARKED, Integer.toString(code));
            }
            context.messages().println("exekutir: " + e.getMessage() + (code == 0 ? "; the step succeeded"
                    : "; exit " + code + " is kept in $" + UNPARKED + " instead") + ", and the transition goes on");
            return false;
        }
    }

    private Optional<Path> exitFile(StepOptions options, StepContext context) {
        Optional<Path> written = options.string(EXIT_FILE).map(String::strip).filter(text -> !text.isEmpty())
                .map(text -> context.resolve(context.substitute(text, context.baseEnvironment())));
        return written.isPresent() ? written : defaultExitFile(context);
    }

    static void park(Path file, int code) throws StepException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            YamlFiles.writeText(file, Integer.toString(code));
        } catch (IOException e) {
            throw new StepException("cannot write the exit code to " + file + ": " + e.getMessage(), e);
        }
    }
}
