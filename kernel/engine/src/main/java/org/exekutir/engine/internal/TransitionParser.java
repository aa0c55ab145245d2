package org.exekutir.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the structure of a transition file: documents of lists of one-key maps. It
 * keeps every entry's YAML nodes so that later checks can name the line of any value.
 * Entries that are empty are skipped without a number, as in ADEPT.
 */
public final class TransitionParser {

    private final String file;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private int number;

    private TransitionParser(String file) {
        this.file = file;
    }

    /** The entries of a file, or what is wrong with its structure. */
    public record Result(List<Entry> entries, List<Problem> problems) {
    }

    /**
     * @param file the file's name for messages
     * @param text the file's contents
     */
    public static Result parse(String file, String text) {
        TransitionParser parser = new TransitionParser(file);
        parser.read(text);
        if (parser.problems.isEmpty() && parser.entries.isEmpty()) {
            // A file cut short (or left empty) would otherwise turn a CI job green.
            parser.problems.add(new Problem(file, 0, 0, null, "the file holds no actions; an empty file (or one of "
                    + "comments and empty documents only) is refused rather than run as a success"));
        }
        return new Result(List.copyOf(parser.entries), List.copyOf(parser.problems));
    }

    private void read(String text) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try {
            for (Node document : yaml.composeAll(new java.io.StringReader(text))) {
                readDocument(document);
            }
        } catch (MarkedYAMLException e) {
            problems.add(new Problem(file, line(e.getProblemMark()), 0, null, "YAML syntax error: "
                    + e.getProblem() + (e.getContext() != null ? " (" + e.getContext() + ")" : "")));
        } catch (YAMLException e) {
            problems.add(new Problem(file, 0, 0, null, "YAML error: " + e.getMessage()));
        }
    }

    private void readDocument(Node document) {
        if (document == null || isNull(document)) {
            return;
        }
        if (!(document instanceof SequenceNode list)) {
            problems.add(new Problem(file, line(document), 0, null,
                    "a document must be a list of actions ('- command: ...'), found " + kind(document)));
            return;
        }
        for (Node item : list.getValue()) {
            readItem(item);
        }
    }

    private void readItem(Node item) {
        if (isNull(item) || (item instanceof MappingNode map && map.getValue().isEmpty())) {
            return;
        }
        number++;
        if (!(item instanceof MappingNode map)) {
            problems.add(new Problem(file, line(item), number, null,
                    "an entry must be a map with one key, the action type ('- command: ...'), found " + kind(item)));
            return;
        }
        List<NodeTuple> tuples = merged(map);
        if (tuples.size() != 1) {
            problems.add(new Problem(file, line(item), number, null, "an entry must have exactly one key, the action "
                    + "type, found " + tuples.size() + ": " + keys(tuples) + " (is the indentation right?)"));
            return;
        }
        NodeTuple action = tuples.get(0);
        if (!(action.getKeyNode() instanceof ScalarNode typeNode)) {
            problems.add(new Problem(file, line(item), number, null, "the action type must be a word"));
            return;
        }
        readOptions(typeNode, action.getValueNode());
    }

    private void readOptions(ScalarNode typeNode, Node value) {
        String type = typeNode.getValue();
        Map<String, Node> options = new LinkedHashMap<>();
        if (!isNull(value)) {
            if (!(value instanceof MappingNode map)) {
                problems.add(new Problem(file, line(value), number, type,
                        "the options of '" + type + "' must be a map of keys to values, found " + kind(value)));
                return;
            }
            for (NodeTuple option : merged(map)) {
                String key = option.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                if (key == null) {
                    problems.add(new Problem(file, line(option.getKeyNode()), number, type, "option keys must be words"));
                } else if (options.containsKey(key)) {
                    problems.add(new Problem(file, line(option.getKeyNode()), number, type,
                            "the key '" + key + "' is given twice"));
                } else {
                    options.put(key, option.getValueNode());
                }
            }
        }
        Node contextsNode = options.remove("contexts");
        List<String> contexts = contexts(contextsNode, type);
        entries.add(new Entry(number, line(typeNode), type, contexts, options));
    }

    private List<String> contexts(Node node, String type) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (node instanceof SequenceNode list && list.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
            return list.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList();
        }
        problems.add(new Problem(file, line(node), number, type,
                "'contexts' must be a list of context names (e.g. [setup, run]), found " + kind(node)));
        return List.of();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    static int line(Node node) {
        return line(node.getStartMark());
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    /** How a message names what was found instead of what was expected. */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /**
     * The map's keys with YAML merge keys resolved ({@code <<: *defaults}, or a list of
     * aliases): the keys written in the map win over merged ones, and of several merged maps
     * the first wins, as YAML 1.1 says and {@code adept.py}'s loader does.
     */
    static List<NodeTuple> merged(MappingNode map) {
        List<NodeTuple> own = new ArrayList<>();
        List<NodeTuple> fromMerges = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getTag().equals(Tag.MERGE)) {
                Node value = tuple.getValueNode();
                List<Node> sources = value instanceof SequenceNode list ? list.getValue() : List.of(value);
                for (Node source : sources) {
                    if (source instanceof MappingNode merged) {
                        fromMerges.addAll(merged(merged));
                    } else {
                        own.add(tuple); // not a map: reported as the odd key it is
                    }
                }
            } else {
                own.add(tuple);
            }
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : own) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                seen.add(key.getValue());
            }
        }
        List<NodeTuple> all = new ArrayList<>(own);
        for (NodeTuple tuple : fromMerges) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || seen.add(key.getValue())) {
                all.add(tuple);
            }
        }
        return all;
    }

    private static List<String> keys(List<NodeTuple> tuples) {
        return tuples.stream()
                .map(t -> t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?")
                .toList();
    }
}
