package org.exekutir.api.step;

import java.util.Objects;

/**
 * One key an action accepts. Made by {@link #required} or {@link #optional}, not a
 * record's constructor, so that a later version can say more about a key (a default, a
 * description) in a minor release.
 */
public final class OptionSpec {

    private final String name;
    private final OptionType type;
    private final boolean required;

    private OptionSpec(String name, OptionType type, boolean required) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.required = required;
    }

    /** A key an entry must have. */
    public static OptionSpec required(String name, OptionType type) {
        return new OptionSpec(name, type, true);
    }

    /** A key an entry may have. */
    public static OptionSpec optional(String name, OptionType type) {
        return new OptionSpec(name, type, false);
    }

    /** @return the key as written in the file */
    public String name() {
        return name;
    }

    /** @return what its value must be */
    public OptionType type() {
        return type;
    }

    /** @return whether an entry without it is an error */
    public boolean required() {
        return required;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionSpec that && name.equals(that.name) && type == that.type
                && required == that.required;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required);
    }

    @Override
    public String toString() {
        return (required ? "required " : "optional ") + name + " (" + type.description() + ")";
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
