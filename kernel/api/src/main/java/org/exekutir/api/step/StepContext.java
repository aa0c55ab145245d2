package org.exekutir.api.step;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.ProcessOutput;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a step sees of the transition it runs in. The engine provides it; one
 * transition has one context, shared by its entries in order.
 */
@ProviderType
public interface StepContext {

    /** The context being entered: {@code setup}, {@code run}, {@code cleanup} or another word. */
    String context();

    /** The workspace: absolute and normalised. */
    Path workspace();

    /** The OPTIONAL words of the command line, joined by one space; empty when none. */
    String optional();

    /**
     * {@link #optional()} split like a POSIX shell, for steps that hand the words on as
     * arguments (a playbook's command line). Only such steps split them, so that words a
     * shell cannot split (a lone quote) still reach commands through {@code ADEPT_OPTIONAL}.
     *
     * @throws IllegalArgumentException when the words cannot be split (an unterminated quote)
     */
    List<String> optionalWords();

    /** The folder of the program's own default files ({@code ADEPT_PATH}). */
    Path home();

    /** The directory relative paths in a transition file are resolved against (the caller's). */
    Path workingDirectory();

    /** The transition file, for messages; {@code -} when read from standard input. */
    String file();

    /** The number of the entry now running (1, 2, 3 … across all documents of the file). */
    int entry();

    /**
     * The whole environment of the caller. Only {@code variable}'s {@code from_env}
     * reads it; children never see it (see {@link #childEnvironment()}).
     */
    Map<String, String> callerEnvironment();

    /**
     * The environment children start with: the allow-listed caller variables plus
     * {@code WORKSPACE}, {@code ADEPT_PATH}, {@code HOSTNAME}, {@code ADEPT_CONTEXT},
     * {@code ADEPT_OPTIONAL}; without the global variables.
     */
    Map<String, String> baseEnvironment();

    /** {@link #baseEnvironment()} with the global variables on top: what a child gets. */
    Map<String, String> childEnvironment();

    /** The global variables set so far (read-only view). */
    Map<String, String> globals();

    /** Sets a global variable for every later entry. */
    void setGlobal(String name, String value);

    /** Replaces {@code $NAME} and {@code ${NAME}} by values from {@code variables}; unknown names stay. */
    String substitute(String text, Map<String, String> variables);

    /**
     * Resolves a path as written in the file against {@link #workingDirectory()}, as
     * {@code adept.py} did: symbolic links first, then {@code ..}; an existing path comes back
     * as its real path, a missing part stays as written.
     */
    Path resolve(String path);

    /** Where children's output goes when the file names no {@code stdoutfile}/{@code stderrfile}. */
    ProcessOutput console();

    /** Messages for people (headers, warnings): the caller's standard error. */
    PrintStream messages();

    /**
     * Masks every secret value known to this transition (values of variables whose names
     * look secret) in text that is about to be shown.
     */
    String redact(String text);

    /**
     * The service of {@code contract} named {@code name} (see
     * {@link org.exekutir.api.ExekutirName}); of several, the highest ranking. The service
     * is held until the entry ends, so that a bundle update lets the entry finish on the
     * service it started with; the next entry gets the new one.
     *
     * @throws StepException when no such service is installed (after the engine's bounded
     *         wait for one to appear); the message names the contract and the name
     */
    <T> T use(Class<T> contract, String name) throws StepException, InterruptedException;

    /**
     * The names of the services of {@code contract} registered now, sorted: with
     * {@link #use}, every service of a contract (the {@code prune} step runs every pruner so).
     *
     * @since 1.1
     */
    Set<String> serviceNames(Class<?> contract);
}
