package org.exekutir.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one parse of the command line, used by a one-shot run, by the attached client and
 * again by the daemon for the words a client sends (against the client's directory).
 *
 * <pre>
 * exekutir [OPTIONS] CONTEXT WORKSPACE FILE.xn [OPTIONAL...]
 * exekutir [OPTIONS] cycle WORKSPACE [JOB_PATH]
 * exekutir [OPTIONS] daemon | status | console | bundle ...
 * </pre>
 *
 * The program's own options come before the first word; everything after FILE.xn is
 * OPTIONAL and passes through untouched, as {@code adept.py} did.
 *
 * @param action    what the line asks for
 * @param verbose   {@code --verbose}: the kernel's diagnostic log
 * @param daemon    whether a transition or cycle runs in the daemon ({@code --daemon},
 *                  {@code --no-daemon}, else {@code EXEKUTIR_DAEMON})
 * @param context   the context word of a transition
 * @param workspace the workspace: real path of a transition's, absolute and normalised for a
 *                  cycle (which creates it)
 * @param file      the transition file's real path, or {@code -}
 * @param optional  the OPTIONAL words joined by one space
 * @param jobPath   a cycle's JOB_PATH, absolute; null for the default
 * @param words     the words after {@code bundle} (its operation and arguments)
 * @param adeptPath {@code --adept-path}, else {@code EXEKUTIR_ADEPT_PATH}: the folder that is
 *                  {@code ADEPT_PATH} (an ADEPT checkout), real path; null for the runtime's home
 */
record CommandLine(Action action, boolean verbose, DaemonUse daemon, String context, Path workspace, String file,
        String optional, Path jobPath, List<String> words, Path adeptPath) {

    enum Action { RUN, CYCLE, DAEMON, STATUS, CONSOLE, BUNDLE, FEATURE, ADEPT_LAUNCHER, HELP, VERSION }

    /** Where a transition or a cycle runs. */
    enum DaemonUse {
        /** In the daemon of the home when one runs and lets this user in, else in this process. */
        AUTO,
        /** In the daemon; an error when there is none. */
        REQUIRED,
        /** In this process. */
        NEVER;

        /** {@code EXEKUTIR_DAEMON=auto|always|never}, for a caller that cannot change the command line. */
        static DaemonUse fromEnvironment(String value) throws UsageException {
            if (value == null || value.isBlank() || value.equals("auto")) {
                return AUTO;
            }
            return switch (value.strip()) {
                case "always" -> REQUIRED;
                case "never" -> NEVER;
                default -> throw new UsageException("EXEKUTIR_DAEMON must be auto, always or never: '" + value + "'");
            };
        }
    }

    static final String USAGE = """
            Usage: exekutir [OPTIONS] CONTEXT WORKSPACE FILE.xn [OPTIONAL...]
                   exekutir [OPTIONS] cycle WORKSPACE [JOB_PATH]
                   exekutir [--verbose] daemon
                   exekutir status | console
                   exekutir bundle list | install FILE|G:A:V | update ID [FILE] | remove ID
                   exekutir feature list | install NAME|FILE | remove NAME
                   exekutir adept-launcher CHECKOUT
                   exekutir --help | --version

              CONTEXT    the transition to make: setup, run, cleanup, or another word
                         of letters, digits, '-' and '_'
              WORKSPACE  an existing directory that holds all state of the job
              FILE.xn    the transition file, or '-' to read it from standard input
              OPTIONAL   further words, joined by one space, handed to every command
                         ($ADEPT_OPTIONAL) and playbook (appended to its command line)

              cycle      setup, run (when setup succeeded), then cleanup always, with
                         the runtime's exekutir.xn; creates WORKSPACE when absent;
                         JOB_PATH (default: jobs/quickstart) is the job to run

              daemon     run the kernel as a long-lived runtime (stop it with SIGTERM);
                         transitions and cycles then run inside it
              status     whether the daemon runs: pid, uptime, bundles, transitions, memory
              console    the daemon's commands, one line at a time (help lists them)
              bundle     list, install, update or remove bundles of the running daemon
              adept-launcher
                         write CHECKOUT/adept.py, a launcher that runs this exekutir
                         with ADEPT_PATH = the folder it is in, so an ADEPT checkout
                         (and its nested ./adept.py calls) runs through exekutir

            OPTIONS
              --daemon     run in the daemon of this runtime; fail when none runs
              --no-daemon  run in this process even when a daemon runs
              --adept-path DIR
                           ADEPT_PATH for the run: where exekutir.xn's default files
                           are (an ADEPT checkout); default: EXEKUTIR_ADEPT_PATH, else
                           the runtime's home
              --verbose    log what the kernel does (to standard error)
              --help       show this text
              --version    show the version
            """;

    /** The variable that chooses where transitions run when no option does. */
    static final String DAEMON_VARIABLE = "EXEKUTIR_DAEMON";

    /** The variable that gives {@code ADEPT_PATH} when no option does. */
    static final String ADEPT_PATH_VARIABLE = "EXEKUTIR_ADEPT_PATH";

    private static final String ADEPT_PATH_OPTION = "--adept-path";

    /** Raised for a command line that cannot run: the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Whether the transition file is standard input ({@code -}). */
    boolean readsStdin() {
        return action == Action.RUN && "-".equals(file);
    }

    /** Parses in an environment without exekutir's variables. */
    static CommandLine parse(List<String> args, Path workingDirectory) throws UsageException {
        return parse(args, workingDirectory, Map.of());
    }

    /**
     * @param environment the caller's: {@code EXEKUTIR_DAEMON} and {@code EXEKUTIR_ADEPT_PATH}
     *                    apply when no option says otherwise
     */
    static CommandLine parse(List<String> args, Path workingDirectory, Map<String, String> environment)
            throws UsageException {
        boolean verbose = false;
        DaemonUse daemon = null;
        String adeptPath = environment.get(ADEPT_PATH_VARIABLE);
        int i = 0;
        for (; i < args.size() && isOption(args.get(i)); i++) {
            if (args.get(i).startsWith(ADEPT_PATH_OPTION + "=")) {
                adeptPath = args.get(i).substring(ADEPT_PATH_OPTION.length() + 1);
                continue;
            }
            switch (args.get(i)) {
                case "--help", "-h" -> {
                    return simple(Action.HELP, verbose);
                }
                case "--version", "-V" -> {
                    return simple(Action.VERSION, verbose);
                }
                case "--verbose", "-v" -> verbose = true;
                case "--daemon" -> daemon = DaemonUse.REQUIRED;
                case "--no-daemon" -> daemon = DaemonUse.NEVER;
                case ADEPT_PATH_OPTION -> {
                    if (++i == args.size()) {
                        throw new UsageException(ADEPT_PATH_OPTION + " needs a folder");
                    }
                    adeptPath = args.get(i);
                }
                default -> throw new UsageException("Unknown option: " + args.get(i));
            }
        }
        if (daemon == null) {
            daemon = DaemonUse.fromEnvironment(environment.get(DAEMON_VARIABLE));
        }
        List<String> positional = args.subList(i, args.size());
        String first = positional.isEmpty() ? "" : positional.get(0);
        List<String> rest = positional.isEmpty() ? List.of() : List.copyOf(positional.subList(1, positional.size()));
        switch (first) {
            case "daemon" -> {
                noArguments(first, rest);
                return new CommandLine(Action.DAEMON, verbose, daemon, null, null, null, "", null, List.of(), null);
            }
            case "status" -> {
                noArguments(first, rest);
                return simple(Action.STATUS, verbose);
            }
            case "console" -> {
                noArguments(first, rest);
                return simple(Action.CONSOLE, verbose);
            }
            case "bundle" -> {
                return new CommandLine(Action.BUNDLE, verbose, daemon, null, null, null, "", null, rest, null);
            }
            case "feature" -> {
                return new CommandLine(Action.FEATURE, verbose, daemon, null, null, null, "", null, rest, null);
            }
            case "adept-launcher" -> {
                if (rest.size() != 1) {
                    throw new UsageException("adept-launcher needs one CHECKOUT folder");
                }
                return new CommandLine(Action.ADEPT_LAUNCHER, verbose, daemon, null, null, null, "", null, List.of(),
                        adeptPath(rest.get(0), workingDirectory));
            }
            default -> {
                // "cycle" is a command only when the third word is not a transition file,
                // so that a transition named cycle still runs as before.
                Path adept = adeptPath(adeptPath, workingDirectory);
                if (first.equals("cycle") && (rest.size() < 2 || !isTransitionFile(rest.get(1)))) {
                    return cycle(verbose, daemon, rest, workingDirectory, adept);
                }
                return transition(verbose, daemon, positional, workingDirectory, adept);
            }
        }
    }

    private static CommandLine simple(Action action, boolean verbose) {
        return new CommandLine(action, verbose, DaemonUse.AUTO, null, null, null, "", null, List.of(), null);
    }

    private static void noArguments(String command, List<String> rest) throws UsageException {
        if (!rest.isEmpty()) {
            throw new UsageException(command + " takes no arguments: " + String.join(" ", rest));
        }
    }

    private static boolean isTransitionFile(String word) {
        return word.endsWith(".xn") || word.equals("-");
    }

    private static CommandLine transition(boolean verbose, DaemonUse daemon, List<String> positional, Path cwd,
            Path adeptPath) throws UsageException {
        if (positional.size() < 3) {
            throw new UsageException("Not enough arguments: CONTEXT, WORKSPACE and FILE.xn are required");
        }
        return new CommandLine(Action.RUN, verbose, daemon, context(positional.get(0)),
                workspace(positional.get(1), cwd), file(positional.get(2), cwd),
                optional(positional.subList(3, positional.size())), null, List.of(), adeptPath);
    }

    private static CommandLine cycle(boolean verbose, DaemonUse daemon, List<String> rest, Path cwd,
            Path adeptPath) throws UsageException {
        if (rest.isEmpty() || rest.size() > 2) {
            throw new UsageException("cycle needs WORKSPACE and at most a JOB_PATH");
        }
        Path workspace = cwd.resolve(rest.get(0)).normalize();
        Path job = null;
        if (rest.size() == 2) {
            job = cwd.resolve(rest.get(1)).normalize();
            if (!Files.isDirectory(job)) {
                throw new UsageException("JOB_PATH is not a folder: " + rest.get(1));
            }
        }
        return new CommandLine(Action.CYCLE, verbose, daemon, "cycle", workspace, null, "", job, List.of(), adeptPath);
    }

    /** {@code ADEPT_PATH} of a transition or cycle: the runtime's home unless the line names a folder. */
    Path adeptPath(Path home) {
        return adeptPath == null ? home : adeptPath;
    }

    private static Path adeptPath(String folder, Path workingDirectory) throws UsageException {
        if (folder == null || folder.isBlank()) {
            return null;
        }
        Path path = workingDirectory.resolve(folder);
        if (!Files.isDirectory(path)) {
            throw new UsageException("ADEPT_PATH (" + ADEPT_PATH_OPTION + " or " + ADEPT_PATH_VARIABLE
                    + ") is not an existing folder: " + folder);
        }
        return realPath(path);
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    private static String context(String word) throws UsageException {
        if (!isContextWord(word)) {
            throw new UsageException("CONTEXT must be one word of letters, digits, '-' and '_': '" + word + "'");
        }
        return word;
    }

    /**
     * Letters, digits, '-' and '_'. A loop, not a regular expression: this parse is also the
     * attached client's, whose every millisecond counts, and a first pattern (like a first
     * lambda or stream) costs milliseconds of method-handle set-up.
     */
    private static boolean isContextWord(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean ascii = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!ascii && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static Path workspace(String arg, Path workingDirectory) throws UsageException {
        Path path = workingDirectory.resolve(arg);
        if (!Files.isDirectory(path)) {
            throw new UsageException("WORKSPACE is not an existing directory: " + arg);
        }
        return realPath(path);
    }

    private static String file(String arg, Path workingDirectory) throws UsageException {
        if (arg.equals("-")) {
            return arg;
        }
        Path path = workingDirectory.resolve(arg);
        if (!arg.endsWith(".xn")) {
            throw new UsageException("FILE must be a transition file ending in .xn, or '-': " + arg);
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException("FILE does not exist or is not a file: " + arg);
        }
        return realPath(path).toString();
    }

    private static String optional(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            if (!word.isBlank()) {
                kept.add(word.strip());
            }
        }
        return String.join(" ", kept);
    }

    private static Path realPath(Path path) throws UsageException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UsageException("Cannot resolve " + path + ": " + e.getMessage());
        }
    }
}
