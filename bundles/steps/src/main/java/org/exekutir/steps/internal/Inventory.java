package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.step.StepException;
import org.yaml.snakeyaml.Yaml;

/**
 * The peons of an inventory, read by {@code ansible-inventory --list}: the real reader of
 * every inventory form a job may use (INI, YAML, scripts, {@code group_vars} and
 * {@code host_vars} folders), so each peon comes with exactly the variables its playbooks
 * will see — {@code peon_provider} set per host or per group included.
 */
final class Inventory {

    static final String PEONS = "peons";

    /** A peon and its inventory variables. */
    record Peon(String name, Map<String, Object> vars) {
    }

    private Inventory() {
    }

    /** The hosts of group {@code peons} (and of its child groups), in inventory order. */
    static List<Peon> peons(Path inventory, Map<String, String> environment) throws StepException, InterruptedException {
        if (!Files.exists(inventory)) {
            return List.of();
        }
        Map<String, Object> listed = list(inventory, environment);
        Set<String> names = new LinkedHashSet<>();
        collect(listed, PEONS, names, new LinkedHashSet<>());
        Map<String, Object> hostVars = map(map(listed.get("_meta")).get("hostvars"));
        List<Peon> peons = new ArrayList<>();
        for (String name : names) {
            peons.add(new Peon(name, new LinkedHashMap<>(map(hostVars.get(name)))));
        }
        return peons;
    }

    private static void collect(Map<String, Object> listed, String group, Set<String> names, Set<String> seen) {
        if (!seen.add(group)) {
            return;
        }
        Map<String, Object> entry = map(listed.get(group));
        for (Object host : list(entry.get("hosts"))) {
            names.add(String.valueOf(host));
        }
        for (Object child : list(entry.get("children"))) {
            collect(listed, String.valueOf(child), names, seen);
        }
    }

    private static Map<String, Object> list(Path inventory, Map<String, String> environment)
            throws StepException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("ansible-inventory", "--inventory", inventory.toString(), "--list");
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path errors = null;
        try {
            errors = Files.createTempFile("exekutir-inventory-", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            String json;
            try {
                json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                if (process.waitFor() != 0) {
                    throw new StepException("ansible-inventory could not read " + inventory + ": "
                            + Files.readString(errors).strip());
                }
            }
            // JSON is YAML: the runtime's YAML reader parses it.
            return map(new Yaml().load(json));
        } catch (IOException e) {
            throw new StepException("cannot run ansible-inventory to read " + inventory + " (is ansible-core installed?): "
                    + e.getMessage(), e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
