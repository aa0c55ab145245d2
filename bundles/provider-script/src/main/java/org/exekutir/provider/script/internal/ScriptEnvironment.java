package org.exekutir.provider.script.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exekutir.api.secret.SecretMask;

/**
 * The environment a provider command starts with. Like the engine's children it is clean:
 * only an allow-list of this process's variables passes, so credentials in exekutir's own
 * environment reach a command only when {@code cloud_environment} asks for them (ADEPT's
 * {@code lookup("env", NAME)} becomes {@code ${NAME}} in a value).
 *
 * @param variables everything the command gets
 * @param secrets   the values that came from {@code cloud_environment} and must never be shown
 */
record ScriptEnvironment(Map<String, String> variables, SecretMask secrets) {

    /** The variables of exekutir's own environment a command sees (the engine's list). */
    static final List<String> ALLOWED =
            List.of("HOME", "EDITOR", "TERM", "PATH", "PYTHONPATH", "VIRTUAL_ENV", "TZ", "USER", "SHELL");
    static final String HOST_NAME = "EXEKUTIR_HOST_NAME";
    static final String INVENTORY_NAME = "EXEKUTIR_INVENTORY_NAME";
    static final String SETTING = "cloud_environment";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    /**
     * @param process      this process's environment
     * @param home         the runtime's home ({@code ADEPT_PATH}), when known
     * @param cloudSetting the {@code cloud_environment} setting as read from YAML
     */
    static ScriptEnvironment of(Map<String, String> process, Path workspace, String home, String requestName,
            String inventoryName, Object cloudSetting) throws IOException {
        Map<String, String> base = new LinkedHashMap<>();
        for (String name : ALLOWED) {
            String value = process.get(name);
            if (value != null && !value.isEmpty()) {
                base.put(name, value);
            }
        }
        base.putIfAbsent("TERM", "dumb");
        base.put("WORKSPACE", workspace.toString());
        if (home != null && !home.isBlank()) {
            base.put("ADEPT_PATH", home);
        }
        base.put("HOSTNAME", shortHostName());
        base.put(HOST_NAME, requestName);
        base.put(INVENTORY_NAME, inventoryName);
        Map<String, String> cloud = cloud(cloudSetting, name -> base.getOrDefault(name, process.get(name)));
        Map<String, String> all = new LinkedHashMap<>(base);
        all.putAll(cloud);
        // A value the command would see anyway (HOME: the workspace) is no secret of cloud_environment.
        List<String> secrets = cloud.values().stream().filter(value -> !base.containsValue(value)).toList();
        return new ScriptEnvironment(all, SecretMask.of(secrets));
    }

    /** {@code cloud_environment}: names to texts, numbers or booleans; {@code ${NAME}} taken from the environment. */
    private static Map<String, String> cloud(Object setting, Function<String, String> lookup) throws IOException {
        Map<String, String> cloud = new LinkedHashMap<>();
        if (setting == null) {
            return cloud;
        }
        if (!(setting instanceof Map<?, ?> map)) {
            throw new IOException(SETTING + " must be a map of environment variable names to values, not "
                    + Describe.kind(setting));
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!NAME.matcher(name).matches()) {
                throw new IOException(SETTING + " has '" + name + "', which is not an environment variable name");
            }
            Object value = entry.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                // The value is a secret: say what kind it is, never what it holds.
                throw new IOException(SETTING + "." + name + " must be a text, number or boolean, not " + Describe.kind(value));
            }
            cloud.put(name, value == null ? "" : substitute(value.toString(), lookup));
        }
        return cloud;
    }

    /** {@code ${NAME}} becomes the variable's value, or nothing when it is unset (ADEPT's {@code default("", True)}). */
    private static String substitute(String value, Function<String, String> lookup) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String found = lookup.apply(matcher.group(1));
            matcher.appendReplacement(result, Matcher.quoteReplacement(found == null ? "" : found));
        }
        return matcher.appendTail(result).toString();
    }

    /** The host name up to the first dot, read from the kernel to avoid a DNS look-up. */
    private static String shortHostName() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            name = "localhost";
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
