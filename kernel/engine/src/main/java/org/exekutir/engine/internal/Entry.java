package org.exekutir.engine.internal;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;

/**
 * One entry of a transition file as written, before its options are checked.
 *
 * @param number   1-based, counted across all documents of the file
 * @param line     1-based line of the action type's key
 * @param type     the action type
 * @param contexts the contexts it applies to; empty for all
 * @param options  its options by key, as YAML nodes (which know their lines)
 */
public record Entry(int number, int line, String type, List<String> contexts, Map<String, Node> options) {

    public boolean appliesTo(String context) {
        return contexts.isEmpty() || contexts.contains(context);
    }
}
