package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads and writes the workspace's YAML maps; writes replace the file whole, never half. */
final class YamlFiles {

    /** A YAML map and the line of each top-level key. */
    record Document(Map<String, Object> values, Map<String, Integer> lines) {
    }

    /** A file that is not a YAML map; the message names the file and line. */
    static final class BadYamlException extends Exception {
        private static final long serialVersionUID = 1L;

        BadYamlException(String message) {
            super(message);
        }
    }

    /** Making a Yaml is costly and one is not thread-safe: one of each kind per thread (peons are made in parallel). */
    private static final ThreadLocal<Yaml> LOADER = ThreadLocal.withInitial(YamlFiles::loader);
    private static final ThreadLocal<Yaml> DUMPER = ThreadLocal.withInitial(() -> {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitStart(true);
        return new Yaml(options);
    });

    private YamlFiles() {
    }

    static Document read(Path file) throws IOException, BadYamlException {
        String text = Files.readString(file);
        try {
            Object loaded = LOADER.get().load(text);
            if (loaded == null) {
                return new Document(Map.of(), Map.of());
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new BadYamlException(file + ": must hold a YAML map of names to values");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((key, value) -> values.put(String.valueOf(key), value));
            return new Document(values, lines(text));
        } catch (MarkedYAMLException e) {
            throw new BadYamlException(file + ", line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem());
        } catch (YAMLException e) {
            throw new BadYamlException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    /** The map in the file (no line numbers); empty when the file does not exist. */
    static Map<String, Object> readMap(Path file) throws IOException, BadYamlException {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Object loaded = LOADER.get().load(Files.readString(file));
            Map<String, Object> values = new LinkedHashMap<>();
            if (loaded instanceof Map<?, ?> map) {
                map.forEach((key, value) -> values.put(String.valueOf(key), value));
            } else if (loaded != null) {
                throw new BadYamlException(file + ": must hold a YAML map of names to values");
            }
            return values;
        } catch (YAMLException e) {
            throw new BadYamlException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    static Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        Node node = LOADER.get().compose(new java.io.StringReader(text));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    lines.put(key.getValue(), key.getStartMark().getLine() + 1);
                }
            }
        }
        return lines;
    }

    /** Writes the map through a temporary file and a rename, so a crash leaves the old or the new file. */
    static void write(Path file, Map<String, ?> values, String comment) throws IOException {
        String text = (comment == null ? "" : "# " + comment + "\n") + DUMPER.get().dump(values);
        writeText(file, text);
    }

    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.writeString(temporary, text);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }
}
