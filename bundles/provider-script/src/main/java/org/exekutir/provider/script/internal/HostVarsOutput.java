package org.exekutir.provider.script.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads what a provisioning command printed: one YAML document holding a map of host
 * variables (ADEPT's contract). Only YAML's plain types are built (no objects from tags).
 * Timestamps become ISO-8601 texts, so that the values are plain data wherever they go.
 */
final class HostVarsOutput {

    private HostVarsOutput() {
    }

    /** Why the output is not host variables; {@link #problem()} is for people and holds no output. */
    static final class NotHostVars extends Exception {
        private static final long serialVersionUID = 1L;

        NotHostVars(String problem) {
            super(problem);
        }

        String problem() {
            return getMessage();
        }
    }

    static Map<String, Object> parse(byte[] stdout) throws NotHostVars {
        String text = new String(stdout, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new NotHostVars("printed nothing on standard output");
        }
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            // Only the position and the problem: SnakeYAML's own message quotes the output.
            throw new NotHostVars("printed invalid YAML on standard output: " + where(e.getProblemMark()) + e.getProblem());
        } catch (YAMLException e) {
            throw new NotHostVars("printed invalid YAML on standard output: " + e.getClass().getSimpleName());
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new NotHostVars("printed " + (document == null ? "an empty YAML document" : Describe.kind(document))
                    + " on standard output");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || name.isBlank()) {
                throw new NotHostVars("printed a map whose key " + entry.getKey() + " is not a variable name");
            }
            vars.put(name, plain(entry.getValue()));
        }
        return vars;
    }

    private static String where(Mark mark) {
        return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
    }

    /** Dates (YAML timestamps) become ISO-8601 texts, in nested maps and lists too. */
    private static Object plain(Object value) {
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime()).toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, plain(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }
}
