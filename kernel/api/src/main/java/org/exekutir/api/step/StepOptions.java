package org.exekutir.api.step;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated options of one entry. Values already have the type their
 * {@link OptionSpec} declares: {@code String}, {@code Long}, {@code Boolean},
 * {@code List<String>} or {@code Map<String, Object>}. Keys written as empty (YAML
 * {@code null}) are absent. Made by {@link #of}, so that it can grow in a minor version.
 */
public final class StepOptions {

    private final Map<String, Object> values;

    private StepOptions(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** @param values the options by key, without {@code contexts} */
    public static StepOptions of(Map<String, Object> values) {
        return new StepOptions(values);
    }

    /** @return the options by key, without {@code contexts} */
    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable((String) values.get(key));
    }

    /** @throws IllegalStateException when the key is absent (a required key always is present) */
    public String requiredString(String key) {
        return string(key).orElseThrow(() -> new IllegalStateException("missing required key " + key));
    }

    public Optional<Long> integer(String key) {
        return Optional.ofNullable((Long) values.get(key));
    }

    public Optional<Boolean> bool(String key) {
        return Optional.ofNullable((Boolean) values.get(key));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        return (List<String>) values.getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        return (Map<String, Object>) values.getOrDefault(key, Map.of());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StepOptions that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    /** Names the keys only: a value may be secret. */
    @Override
    public String toString() {
        return "StepOptions" + values.keySet();
    }
}
