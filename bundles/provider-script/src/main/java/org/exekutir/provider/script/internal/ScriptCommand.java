package org.exekutir.provider.script.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the provider's commands as configured: ADEPT's {@code cloud_provisioning_command}
 * or {@code cloud_destruction_command}, either a plain command line or a map with
 * {@code command}, {@code chdir} and {@code executable} (ADEPT's keys of Ansible's
 * {@code shell} module). The command line is handed to the shell as it is, so the
 * continuation lines, quotes, variables and pipes of ADEPT's commands work unchanged.
 *
 * @param setting   the setting's name, for messages
 * @param command   the command line
 * @param directory where it runs: {@code chdir}, else the workspace
 * @param shell     the shell that runs it: {@code executable}, else {@value #DEFAULT_SHELL}
 */
record ScriptCommand(String setting, String command, Path directory, String shell) {

    static final String DEFAULT_SHELL = "/bin/sh";
    private static final Set<String> KEYS = Set.of("command", "chdir", "executable");
    private static final Pattern WORKSPACE_REFERENCE = Pattern.compile("\\$\\{WORKSPACE\\}|\\$WORKSPACE(?![A-Za-z0-9_])");

    /**
     * @param value the setting as read from YAML: a string, or a map
     * @throws IOException when the setting is missing or malformed; the message says which
     *         setting and what is wrong
     */
    static ScriptCommand from(String setting, Object value, Path workspace) throws IOException {
        if (value == null) {
            throw new IOException("the script provider needs the setting " + setting
                    + " (a command, or a map with 'command' and 'chdir') in exekutir_vars.yml or the host's inventory variables");
        }
        if (value instanceof String line) {
            return new ScriptCommand(setting, nonBlank(setting, line), workspace, DEFAULT_SHELL);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException(setting + " must be a command (text) or a map with 'command' and 'chdir', not "
                    + Describe.kind(value));
        }
        Set<String> unknown = new TreeSet<>();
        map.keySet().forEach(key -> {
            if (!KEYS.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        });
        if (!unknown.isEmpty()) {
            throw new IOException(setting + " has unknown key(s) " + unknown + "; it takes " + new TreeSet<>(KEYS));
        }
        String command = nonBlank(setting + ".command", text(setting, map, "command"));
        String chdir = text(setting, map, "chdir");
        String shell = text(setting, map, "executable");
        return new ScriptCommand(setting, command, directory(chdir, workspace),
                shell == null || shell.isBlank() ? DEFAULT_SHELL : shell.strip());
    }

    /** The program and arguments: the shell runs the line; {@code $1}, {@code $2} are the given words. */
    List<String> argv(List<String> positional) {
        List<String> argv = new ArrayList<>(List.of(shell, "-c", command, setting));
        argv.addAll(positional);
        return argv;
    }

    /** The command line on one line, blanks collapsed, for messages. */
    String oneLine() {
        String line = command.replaceAll("\\\\\\s*\\n", " ").replaceAll("\\s+", " ").strip();
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    private static String text(String setting, Map<?, ?> map, String key) throws IOException {
        Object value = map.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IOException(setting + "." + key + " must be text, not " + Describe.kind(value));
    }

    private static String nonBlank(String name, String value) throws IOException {
        if (value == null || value.isBlank()) {
            throw new IOException(name + " is empty; it must name the command to run");
        }
        return value;
    }

    /** {@code chdir}: {@code $WORKSPACE} / {@code ${WORKSPACE}} replaced, relative to the workspace. */
    private static Path directory(String chdir, Path workspace) {
        if (chdir == null || chdir.isBlank()) {
            return workspace;
        }
        String path = WORKSPACE_REFERENCE.matcher(chdir.strip()).replaceAll(Matcher.quoteReplacement(workspace.toString()));
        return workspace.resolve(path).normalize();
    }
}
