package org.exekutir.engine.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment children start with. Only an allow-list of the caller's variables
 * passes through, so credentials in the caller's environment never reach a command
 * unless a {@code variable} action asks for them — and exekutir's own process marks
 * ({@code EXEKUTIR_*_MARK}: a run id a transport or the job step put on a command), so that
 * the processes of a nested run carry the mark of the run that started it and a stop finds
 * them all, also after their parent is gone.
 */
public final class Environments {

    /** The caller's variables that children see (when set and not empty). */
    public static final List<String> ALLOWED =
            List.of("HOME", "EDITOR", "TERM", "PATH", "PYTHONPATH", "VIRTUAL_ENV", "TZ", "USER", "SHELL");

    private Environments() {
    }

    public static Map<String, String> base(Map<String, String> caller, Path workspace, Path home, String context,
            String optional) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : ALLOWED) {
            String value = caller.get(name);
            if (value != null && !value.isEmpty()) {
                env.put(name, value);
            }
        }
        caller.forEach((name, value) -> {
            if (isProcessMark(name, value)) {
                env.put(name, value);
            }
        });
        env.put("TERM", caller.getOrDefault("TERM", "dumb").isEmpty() ? "dumb" : caller.getOrDefault("TERM", "dumb"));
        env.put("WORKSPACE", workspace.toString());
        env.put("ADEPT_PATH", home.toString());
        env.put("HOSTNAME", shortHostName());
        putIfNotBlank(env, "ADEPT_CONTEXT", context.strip());
        putIfNotBlank(env, "ADEPT_OPTIONAL", optional.strip());
        return env;
    }

    /** {@code EXEKUTIR_*_MARK} holding an id (letters, digits, '-'): no secret, no path. */
    static boolean isProcessMark(String name, String value) {
        return name.startsWith("EXEKUTIR_") && name.endsWith("_MARK") && !value.isEmpty()
                && value.chars().allMatch(c -> c == '-' || c < 128 && Character.isLetterOrDigit(c));
    }

    private static void putIfNotBlank(Map<String, String> env, String name, String value) {
        if (!value.isBlank()) {
            env.put(name, value);
        }
    }

    /** The host name up to the first dot; read from the kernel to avoid a DNS look-up. */
    public static String shortHostName() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                name = "localhost";
            }
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
