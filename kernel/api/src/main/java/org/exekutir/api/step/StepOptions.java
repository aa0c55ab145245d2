package org.exekutir.api.step;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated options of one entry. Values already have the type their
 * {@link OptionSpec} declares: {@code String}, {@code Long}, {@code Boolean},
 * {@code List<String>} or {@code Map<String, Object>}. Keys written as empty (YAML
 * {@code null}) are absent.
 *
 * @param values the options by key, without {@code contexts}
 */
public record StepOptions(Map<String, Object> values) {

    public StepOptions {
        values = Map.copyOf(values);
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
}
