package org.exekutir.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parsed command line: {@code exekutir [OPTIONS] CONTEXT WORKSPACE FILE.xn [OPTIONAL...]}.
 * The program's own options come before CONTEXT; everything after FILE.xn is OPTIONAL and
 * passes through untouched, as {@code adept.py} did.
 */
record CommandLine(Action action, boolean verbose, String context, Path workspace, String file, String optional) {

    enum Action { RUN, HELP, VERSION }

    static final String USAGE = """
            Usage: exekutir [--verbose] CONTEXT WORKSPACE FILE.xn [OPTIONAL...]
                   exekutir [--verbose] cycle WORKSPACE [JOB_PATH]
                   exekutir [--verbose] daemon
                   exekutir bundle list | install FILE | update ID [FILE] | remove ID
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

              daemon     run the kernel as a long-lived runtime with a console
                         and the deploy/ folder (stop it with Ctrl-C or SIGTERM)
              bundle     list, install, update or remove bundles of the running daemon

              --verbose  log what the kernel does (to standard error)
              --help     show this text
              --version  show the version
            """;

    private static final Pattern CONTEXT_WORD = Pattern.compile("[A-Za-z0-9_-]+");

    /** Raised for a command line that cannot run: the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(List<String> args, Path workingDirectory) throws UsageException {
        boolean verbose = false;
        int i = 0;
        for (; i < args.size() && isOption(args.get(i)); i++) {
            switch (args.get(i)) {
                case "--help", "-h" -> {
                    return new CommandLine(Action.HELP, verbose, null, null, null, "");
                }
                case "--version", "-V" -> {
                    return new CommandLine(Action.VERSION, verbose, null, null, null, "");
                }
                case "--verbose", "-v" -> verbose = true;
                default -> throw new UsageException("Unknown option: " + args.get(i));
            }
        }
        List<String> positional = args.subList(i, args.size());
        if (positional.size() < 3) {
            throw new UsageException("Not enough arguments: CONTEXT, WORKSPACE and FILE.xn are required");
        }
        return new CommandLine(Action.RUN, verbose, context(positional.get(0)),
                workspace(positional.get(1), workingDirectory), file(positional.get(2), workingDirectory),
                optional(positional.subList(3, positional.size())));
    }

    /** The index of the first word that is not one of the program's options. */
    static int firstWord(List<String> args) {
        int i = 0;
        while (i < args.size() && isOption(args.get(i))) {
            i++;
        }
        return i;
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    private static String context(String word) throws UsageException {
        if (!CONTEXT_WORD.matcher(word).matches()) {
            throw new UsageException("CONTEXT must be one word of letters, digits, '-' and '_': '" + word + "'");
        }
        return word;
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
        return kept.stream().collect(Collectors.joining(" "));
    }

    private static Path realPath(Path path) throws UsageException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UsageException("Cannot resolve " + path + ": " + e.getMessage());
        }
    }
}
