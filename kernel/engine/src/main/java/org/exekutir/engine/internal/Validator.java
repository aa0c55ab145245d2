package org.exekutir.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks every entry of a file against its step type, before anything runs: the action
 * type is known, every key is one the step accepts, required keys are there, values have
 * the right type, and the step's own rules hold. All problems are reported, not just the
 * first, so one edit fixes a file.
 */
public final class Validator {

    /** An entry whose options passed every check. */
    public record Checked(Entry entry, StepOptions options) {
    }

    /** The checked entries, or the problems found. */
    public record Result(List<Checked> entries, List<Problem> problems) {
    }

    private final String file;
    private final Map<String, StepType> stepTypes;
    private final Map<String, String> gone;
    private final List<Problem> problems = new ArrayList<>();

    private Validator(String file, Map<String, StepType> stepTypes, Map<String, String> gone) {
        this.file = file;
        this.stepTypes = stepTypes;
        this.gone = gone;
    }

    /**
     * @param stepTypes the step types installed now, by name
     */
    public static Result validate(String file, List<Entry> entries, Map<String, StepType> stepTypes) {
        return validate(file, entries, stepTypes, Map.of());
    }

    /**
     * @param stepTypes the step types installed now, by name
     * @param gone      why an action type that this runtime had is missing, by name: said
     *                  instead of "unknown action type"
     */
    public static Result validate(String file, List<Entry> entries, Map<String, StepType> stepTypes,
            Map<String, String> gone) {
        Validator validator = new Validator(file, stepTypes, gone);
        List<Checked> checked = new ArrayList<>();
        for (Entry entry : entries) {
            validator.check(entry).ifPresent(checked::add);
        }
        return new Result(List.copyOf(checked), List.copyOf(validator.problems));
    }

    private Optional<Checked> check(Entry entry) {
        StepType type = stepTypes.get(entry.type());
        if (type == null && gone.containsKey(entry.type())) {
            problem(entry, entry.line(), gone.get(entry.type()));
            return Optional.empty();
        }
        if (type == null) {
            problem(entry, entry.line(), "unknown action type '" + entry.type() + "'"
                    + suggestion(entry.type(), stepTypes.keySet()) + "; known types: "
                    + String.join(", ", new TreeSet<>(stepTypes.keySet())));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        type.options().forEach(spec -> specs.put(spec.name(), spec));
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> suggested = new HashSet<>();
        entry.options().forEach((key, node) -> {
            OptionSpec spec = specs.get(key);
            if (spec == null) {
                closest(key, specs.keySet()).ifPresent(suggested::add);
                problem(entry, TransitionParser.line(node), "unknown key '" + key + "'" + suggestion(key, specs.keySet())
                        + "; '" + entry.type() + "' accepts: " + String.join(", ", specs.keySet()) + ", contexts");
            } else if (!TransitionParser.isNull(node)) {
                Object value = convert(node, spec.type());
                if (value == null) {
                    problem(entry, TransitionParser.line(node), "'" + key + "' must be " + spec.type().description()
                            + ", found " + TransitionParser.kind(node));
                } else {
                    values.put(key, value);
                }
            }
        });
        for (OptionSpec spec : specs.values()) {
            if (spec.required() && !values.containsKey(spec.name())) {
                Node given = entry.options().get(spec.name());
                if (given == null && !suggested.contains(spec.name())) {
                    problem(entry, entry.line(), "the required key '" + spec.name() + "' is missing");
                } else if (TransitionParser.isNull(given)) {
                    problem(entry, TransitionParser.line(given), "the required key '" + spec.name() + "' is empty");
                }
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        StepOptions options = StepOptions.of(values);
        type.check(options, entry.contexts()).forEach(message -> problem(entry, entry.line(), message));
        return problems.size() > before ? Optional.empty()
                : Optional.of(new Checked(entry, options));
    }

    private void problem(Entry entry, int line, String message) {
        problems.add(new Problem(file, line, entry.number(), entry.type(), message));
    }

    /** @return the value in the type the spec asks for, or {@code null} when it has another shape */
    static Object convert(Node node, OptionSpec.OptionType type) {
        return switch (type) {
            case STRING -> node instanceof ScalarNode scalar ? scalar.getValue() : null;
            case INTEGER -> node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)
                    ? parseInteger(scalar.getValue()) : null;
            case BOOLEAN -> node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                    ? Set.of("true", "yes", "on", "y").contains(scalar.getValue().toLowerCase(java.util.Locale.ROOT))
                    : null;
            case STRING_LIST -> node instanceof SequenceNode list
                    && list.getValue().stream().allMatch(n -> n instanceof ScalarNode && !TransitionParser.isNull(n))
                    ? list.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList() : null;
            case MAP -> node instanceof MappingNode ? toJava(node) : null;
        };
    }

    private static Long parseInteger(String text) {
        try {
            return Long.decode(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A YAML node as plain Java values: maps, lists, strings, longs, booleans, nulls. */
    static Object toJava(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (NodeTuple tuple : TransitionParser.merged(map)) {
                result.put(String.valueOf(toJava(tuple.getKeyNode())), toJava(tuple.getValueNode()));
            }
            return result;
        }
        if (node instanceof SequenceNode list) {
            return list.getValue().stream().map(Validator::toJava).toList();
        }
        ScalarNode scalar = (ScalarNode) node;
        if (scalar.getTag().equals(Tag.NULL)) {
            return null;
        }
        if (scalar.getTag().equals(Tag.INT)) {
            Long number = parseInteger(scalar.getValue());
            return number != null ? number : scalar.getValue();
        }
        if (scalar.getTag().equals(Tag.BOOL)) {
            return convert(scalar, OptionSpec.OptionType.BOOLEAN);
        }
        return scalar.getValue();
    }

    /** " (did you mean 'filepath'?)" for a name close to a known one. */
    static String suggestion(String name, Set<String> known) {
        return closest(name, known).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }

    /** The known name a misspelt one most likely means, if any is close enough. */
    static Optional<String> closest(String name, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name.toLowerCase(java.util.Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(1, name.length() / 3) ? Optional.of(best)
                : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
