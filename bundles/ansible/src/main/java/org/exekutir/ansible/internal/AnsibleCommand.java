package org.exekutir.ansible.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.playbook.PlaybookRun;

/**
 * The {@code ansible-playbook} command line for a run: inventory, vars file, limit, the
 * always-passed extra variables (as JSON, so no value needs quoting), the OPTIONAL words,
 * and the playbook last.
 */
final class AnsibleCommand {

    private AnsibleCommand() {
    }

    static List<String> of(Path executable, PlaybookRun run) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        run.inventory().ifPresent(inventory -> command.addAll(List.of("--inventory", inventory.toString())));
        run.varsFile().ifPresent(vars -> command.addAll(List.of("--extra-vars", "@" + vars)));
        run.limit().ifPresent(limit -> command.addAll(List.of("--limit", limit)));
        if (!run.extraVars().isEmpty()) {
            command.addAll(List.of("--extra-vars", json(run.extraVars())));
        }
        command.addAll(run.arguments());
        command.add(run.playbook().toString());
        return command;
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
