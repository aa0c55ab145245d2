package org.exekutir.console.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A feature: a named, versioned set of bundles installed, updated and removed as one unit.
 * <pre>
 * name: greet
 * version: 1.0.0
 * description: the greet action and the libraries it needs
 * bundles:
 *   - org.example:greet-provider:1.0.0      # Maven coordinates, with their dependencies
 *   - ../bundle/some-bundle.jar              # or a jar, relative to this file
 * </pre>
 */
record FeatureDescriptor(Path file, String name, String version, String description, List<String> bundles) {

    private static final Set<String> KEYS = Set.of("name", "version", "description", "bundles");

    /** Reads and checks a descriptor; the message names the file, and the line where YAML can tell it. */
    static FeatureDescriptor read(Path file) throws IOException {
        Object document;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IOException(file + ": a feature is a map with name, version, description and bundles");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IOException(file + ": unknown key '" + key + "' (a feature has " + String.join(", ",
                        List.of("name", "version", "description", "bundles")) + ")");
            }
        }
        String name = text(file, map, "name", true);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IOException(file + ": name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        Object bundles = map.get("bundles");
        if (!(bundles instanceof List<?> list) || list.isEmpty()) {
            throw new IOException(file + ": 'bundles' must be a list of Maven coordinates or jar paths, not empty");
        }
        List<String> entries = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof String text) || text.isBlank()) {
                throw new IOException(file + ": bundles: '" + entry + "' is not coordinates or a jar path");
            }
            entries.add(text.strip());
        }
        return new FeatureDescriptor(file, name, text(file, map, "version", false), text(file, map, "description",
                false), List.copyOf(entries));
    }

    private static String text(Path file, Map<?, ?> map, String key, boolean required) throws IOException {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw new IOException(file + ": '" + key + "' is missing");
            }
            return "";
        }
        if (value instanceof Map || value instanceof List) {
            throw new IOException(file + ": '" + key + "' must be a single value");
        }
        return value.toString().strip();
    }
}
