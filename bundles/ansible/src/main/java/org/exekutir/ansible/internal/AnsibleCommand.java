package org.exekutir.ansible.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.playbook.PlaybookRun;

/**
 * The {@code ansible-playbook} command line for a run: inventory, vars file, limit, the
 * always-passed extra variables, the OPTIONAL words, and the playbook last. Extra variables
 * never go on the command line, where {@code ps} shows them to every user of the host: the
 * always-passed ones and every {@code -e}/{@code --extra-vars} value of the OPTIONAL words
 * ({@code -e OS_PASSWORD=…}) are written, as JSON, to files only the run's user can read,
 * and passed as {@code --extra-vars @FILE}.
 */
final class AnsibleCommand {

    private AnsibleCommand() {
    }

    /** @param varsFolder a folder only this user can enter, where the extra variables' files are written */
    static List<String> of(Path executable, PlaybookRun run, Path varsFolder) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        run.inventory().ifPresent(inventory -> command.addAll(List.of("--inventory", inventory.toString())));
        run.varsFile().ifPresent(vars -> command.addAll(List.of("--extra-vars", "@" + vars)));
        run.limit().ifPresent(limit -> command.addAll(List.of("--limit", limit)));
        if (!run.extraVars().isEmpty()) {
            command.addAll(List.of("--extra-vars", "@" + varsFile(varsFolder, "exekutir", json(run.extraVars()))));
        }
        List<String> arguments = run.arguments();
        int files = 0;
        for (int i = 0; i < arguments.size(); i++) {
            String word = arguments.get(i);
            String value = null;
            if ((word.equals("-e") || word.equals("--extra-vars")) && i + 1 < arguments.size()) {
                value = arguments.get(++i);
            } else if (word.startsWith("--extra-vars=")) {
                value = word.substring("--extra-vars=".length());
            } else if (word.startsWith("-e") && word.length() > 2 && !word.startsWith("--")) {
                value = word.substring(2);
            }
            if (value == null) {
                command.add(word);
            } else {
                command.addAll(List.of("--extra-vars", value.startsWith("@") ? value
                        : "@" + varsFile(varsFolder, "optional-" + ++files, asJson(value))));
            }
        }
        command.add(run.playbook().toString());
        return command;
    }

    /** An {@code -e} value as ansible reads it: JSON or YAML as it is, else {@code key=value} words. */
    private static String asJson(String value) {
        String text = value.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            return text;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : keyValueWords(text)) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                pairs.put(pair.substring(0, equals), unquote(pair.substring(equals + 1)));
            }
        }
        return json(pairs);
    }

    /** Splits at blanks outside quotes, as ansible's {@code key=value} parsing does. */
    private static List<String> keyValueWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static Path varsFile(Path folder, String name, String content) throws IOException {
        Path file = folder.resolve(name + ".json");
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), content);
        return file;
    }

    /**
     * Finds the program: a path is taken as it is, a bare name is looked up on the run's
     * own {@code PATH} (which may differ from this process's).
     */
    static Optional<Path> locate(String program, Map<String, String> environment) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static String json(Map<String, String> values) {
        StringBuilder text = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(quote(key)).append(": ").append(quote(value));
        });
        return text.append('}').toString();
    }

    private static String quote(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"').toString();
    }
}
