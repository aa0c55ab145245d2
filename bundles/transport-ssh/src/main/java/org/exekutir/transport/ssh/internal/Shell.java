package org.exekutir.transport.ssh.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds command lines for the remote POSIX shell. */
final class Shell {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Shell() {
    }

    /** Quotes a word so the shell passes it on unchanged, whatever it holds. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * {@code cd DIR && exec env NAME=VALUE ... COMMAND...}: the environment travels in the
     * command line (sshd's {@code AcceptEnv} is not relied on), and {@code exec} makes the
     * program itself the session's process, so a signal sent to the session reaches it.
     */
    static String commandLine(List<String> command, Map<String, String> environment, String directory) {
        StringBuilder line = new StringBuilder();
        if (directory != null && !directory.isEmpty()) {
            line.append("cd ").append(quote(directory)).append(" && ");
        }
        line.append("exec env");
        environment.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("cannot pass the environment variable '" + name
                        + "': not a valid name");
            }
            line.append(' ').append(quote(name + "=" + value));
        });
        for (String word : command) {
            line.append(' ').append(quote(word));
        }
        return line.toString();
    }
}
