package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/exekutir} of the built runtime as a user would: a separate process with
 * chosen arguments, environment, current directory and standard input. Its environment
 * starts small (PATH, HOME, JAVA_HOME, TERM=dumb) so that tests control what the caller has.
 */
final class Exekutir {

    /** The unpacked runtime that failsafe points at. */
    static final Path HOME = Path.of(System.getProperty("exekutir.dist", "target/exekutir")).toAbsolutePath()
            .normalize();

    private static final long TIMEOUT_SECONDS = 300;

    /**
     * How long after the first signal a test sends the second, as a person would: two within
     * 100 ms count as one signal delivered twice (README, "Signals").
     */
    static final long SECOND_SIGNAL_AFTER_MILLIS = 250;

    private final Path program;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory = Path.of("/");
    private String stdin = "";

    /**
     * Whether this run of the suite drives {@code bin/exekutir} attached to a daemon: the same
     * tests and assertions as the one-shot run (failsafe's second execution sets it).
     */
    static final boolean ATTACHED = Boolean.getBoolean("exekutir.attached");

    /**
     * {@code bin/exekutir} of the runtime under test; in an {@link #ATTACHED} run with
     * {@code EXEKUTIR_DAEMON=always}, so that every transition runs in the suite's daemon.
     */
    Exekutir() {
        this(HOME.resolve("bin").resolve("exekutir"));
        if (ATTACHED) {
            SuiteDaemon.ensureRunning();
            environment.put("EXEKUTIR_DAEMON", "always");
        }
    }

    /**
     * A program that starts this runtime's {@code bin/exekutir} in turn (ADEPT's
     * {@code adept.py} launcher), in the daemon in an {@link #ATTACHED} run, as {@link #Exekutir()}.
     */
    static Exekutir through(Path program) {
        Exekutir exekutir = new Exekutir(program);
        if (ATTACHED) {
            SuiteDaemon.ensureRunning();
            exekutir.environment.put("EXEKUTIR_DAEMON", "always");
        }
        return exekutir;
    }

    /** Another copy of the program (a moved or unpacked runtime). */
    Exekutir(Path program) {
        this.program = program;
        for (String name : List.of("PATH", "HOME", "JAVA_HOME")) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.put("TERM", "dumb");
    }

    /** The current directory to start in ({@code /} unless set). */
    Exekutir in(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Sets a variable of the caller's environment; {@code null} removes it. */
    Exekutir env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    Exekutir stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** A process builder for the program, for tests that watch the process while it runs. */
    ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs the program to its end. */
    Result run(String... args) {
        try {
            Path out = Files.createTempFile("exekutir-e2e-", ".out");
            Path err = Files.createTempFile("exekutir-e2e-", ".err");
            try {
                Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closedEarly) {
                    // the program did not read its standard input: fine
                }
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    fail("exekutir " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a run left: exit code and both streams; its text is the assertion message of every test. */
    record Result(int exit, String stdout, String stderr) {
        /** Both streams: exekutir's own messages go to stderr, what steps print to stdout. */
        String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "---";
        }
    }

    // small shared helpers

    /** Writes a file (creating its folders) and returns it. */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output of {@code env} as a map (one variable a line). */
    static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** This host's name up to the first dot, as {@code uname -n} tells it. */
    static String shortHostName() {
        try {
            Process process = new ProcessBuilder("uname", "-n").redirectErrorStream(true).start();
            String name = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The header blocks printed to standard error: each starts at a line that begins with
     * the host name.
     */
    static List<String> headers(String stderr) {
        String host = shortHostName();
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : stderr.split("\n")) {
            if (line.startsWith(host)) {
                if (block != null) {
                    blocks.add(block.toString());
                }
                block = new StringBuilder();
            }
            if (block != null) {
                block.append(line).append('\n');
            }
        }
        if (block != null) {
            blocks.add(block.toString());
        }
        return blocks;
    }

    /**
     * Whether a header block shows the entry number {@code number} as a number of its own
     * (not inside the file's path or the host name).
     */
    static boolean namesEntry(String block, Path file, int number) {
        String rest = block.replace(file.toString(), " ").replace(shortHostName(), " ");
        return java.util.regex.Pattern.compile("(?<![\\w./-])" + number + "(?![\\w./-])").matcher(rest).find();
    }

    /** The one header block that contains {@code text}. */
    static String headerWith(String stderr, String text) {
        List<String> found = headers(stderr).stream().filter(block -> block.contains(text)).toList();
        if (found.size() != 1) {
            fail("expected one header on stderr containing '" + text + "', found " + found.size() + " in:\n" + stderr);
        }
        return found.get(0);
    }
}
