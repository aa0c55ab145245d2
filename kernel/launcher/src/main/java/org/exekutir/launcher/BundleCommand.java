package org.exekutir.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code exekutir bundle install|update|remove|list ...} and {@code exekutir feature
 * install|remove|list ...}: act on the running daemon of this home through its console, print
 * the answer, and exit 0 on success, non-zero otherwise.
 */
final class BundleCommand {

    static final String USAGE = """
            Usage: exekutir bundle list
                   exekutir bundle install FILE|URL|GROUP:ARTIFACT:VERSION|mvn:GROUP/ARTIFACT/VERSION
                   exekutir bundle update ID|SYMBOLIC-NAME [FILE|URL]
                   exekutir bundle remove ID|SYMBOLIC-NAME
            Acts on the daemon running for this home (start one with: exekutir daemon).
            """;

    static final String FEATURE_USAGE = """
            Usage: exekutir feature list
                   exekutir feature install NAME|FILE.yml
                   exekutir feature remove NAME
            NAME is a descriptor of the runtime's features/ folder. Acts on the daemon running for
            this home (start one with: exekutir daemon).
            """;

    /** A URL rather than a file: a scheme of two or more letters before ':'. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private BundleCommand() {
    }

    static int run(List<String> args, Path home, Path cwd, PrintStream out, PrintStream err) {
        return send(() -> consoleCommand(args, cwd), USAGE, home, out, err);
    }

    static int runFeature(List<String> args, Path home, Path cwd, PrintStream out, PrintStream err) {
        return send(() -> featureCommand(args, cwd), FEATURE_USAGE, home, out, err);
    }

    /** The command to the daemon, or the usage when the words make none. */
    private static int send(java.util.function.Supplier<List<String>> parse, String usage, Path home, PrintStream out,
            PrintStream err) {
        List<String> command;
        try {
            command = parse.get();
        } catch (IllegalArgumentException e) {
            err.println("exekutir: " + e.getMessage());
            err.print(usage);
            return Main.USAGE_ERROR;
        }
        return ControlClient.command(home, command, out, err);
    }

    /** The console command for {@code feature ...}; a descriptor file becomes absolute, a NAME stays a name. */
    static List<String> featureCommand(List<String> args, Path cwd) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("feature needs an operation: list, install or remove");
        }
        String operation = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (operation) {
            case "list" -> {
                expect(rest, 0, 0, "feature " + operation);
                yield List.of("features");
            }
            case "install" -> {
                expect(rest, 1, 1, "feature " + operation);
                String what = rest.get(0);
                yield List.of("feature-install", what.contains("/") || what.endsWith(".yml") ? source(what, cwd) : what);
            }
            case "remove" -> {
                expect(rest, 1, 1, "feature " + operation);
                yield List.of("feature-remove", rest.get(0));
            }
            default -> throw new IllegalArgumentException("unknown feature operation '" + operation
                    + "'; use list, install or remove");
        };
    }

    /** The console command for the arguments; file names become absolute (the daemon has its own directory). */
    static List<String> consoleCommand(List<String> args, Path cwd) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("bundle needs an operation: list, install, update or remove");
        }
        String operation = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (operation) {
            case "list" -> {
                expect(rest, 0, 0, "bundle " + operation);
                yield List.of("bundles");
            }
            case "install" -> {
                expect(rest, 1, 1, "bundle " + operation);
                yield List.of("install", source(rest.get(0), cwd));
            }
            case "update" -> {
                expect(rest, 1, 2, "bundle " + operation);
                yield rest.size() > 1 ? List.of("update", rest.get(0), source(rest.get(1), cwd))
                        : List.of("update", rest.get(0));
            }
            case "remove" -> {
                expect(rest, 1, 1, "bundle " + operation);
                yield List.of("remove", rest.get(0));
            }
            default -> throw new IllegalArgumentException("unknown bundle operation '" + operation
                    + "'; use list, install, update or remove");
        };
    }

    private static void expect(List<String> args, int min, int max, String operation) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException("wrong number of arguments for " + operation + ": "
                    + String.join(" ", args));
        }
    }

    private static String source(String arg, Path cwd) {
        if (URL.matcher(arg).matches()) {
            return arg;
        }
        Path file = cwd.resolve(arg).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + arg);
        }
        return file.toString();
    }
}
