package org.exekutir.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exekutir console}: the daemon's commands one line at a time, read from standard
 * input (with a prompt on a terminal), each sent over the control socket as its own
 * request. Words are split at blanks; a word in single or double quotes keeps its blanks.
 * Exit code: the last command's.
 */
final class ConsoleCommand {

    private ConsoleCommand() {
    }

    static int run(Path home, InputStream in, PrintStream out, PrintStream err) {
        boolean terminal = System.console() != null;
        int code = ControlClient.command(home, List.of("help"), terminal ? out : java.io.OutputStream.nullOutputStream(), err);
        if (code == Main.NO_DAEMON || code == Main.DENIED) {
            return code;
        }
        code = 0;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            for (prompt(terminal, out); ; prompt(terminal, out)) {
                String line = lines.readLine();
                if (line == null) {
                    return code;
                }
                List<String> words;
                try {
                    words = words(line);
                } catch (IllegalArgumentException e) {
                    err.println("exekutir: " + e.getMessage());
                    code = 1;
                    continue;
                }
                if (!words.isEmpty()) {
                    code = ControlClient.command(home, words, out, err);
                }
            }
        } catch (IOException e) {
            err.println("exekutir: cannot read standard input: " + e.getMessage());
            return 1;
        }
    }

    private static void prompt(boolean terminal, PrintStream out) {
        if (terminal) {
            out.print("exekutir> ");
            out.flush();
        }
    }

    /** Blank-separated words; quotes keep blanks inside one word. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote is not closed: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
