package org.exekutir.api.step;

import java.util.Objects;

/**
 * One key an action accepts.
 *
 * @param name     the key as written in the file
 * @param type     what its value must be
 * @param required whether an entry without it is an error
 */
public record OptionSpec(String name, OptionType type, boolean required) {

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static OptionSpec required(String name, OptionType type) {
        return new OptionSpec(name, type, true);
    }

    public static OptionSpec optional(String name, OptionType type) {
        return new OptionSpec(name, type, false);
    }

    /** The value kinds of transition files. */
    public enum OptionType {
        /** Any scalar, read as the text written in the file ({@code 0}, {@code yes}, {@code /bin/true}). */
        STRING("a string"),
        /** A whole number. */
        INTEGER("a whole number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** A list of scalars. */
        STRING_LIST("a list of strings"),
        /** A map of scalar keys to any values. */
        MAP("a map");

        private final String description;

        OptionType(String description) {
            this.description = description;
        }

        /** @return how a message names this kind, e.g. "a list of strings" */
        public String description() {
            return description;
        }
    }
}
