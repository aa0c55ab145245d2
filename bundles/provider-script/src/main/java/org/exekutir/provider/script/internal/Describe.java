package org.exekutir.provider.script.internal;

import java.util.List;
import java.util.Map;

/** Names the kind of a YAML value in messages, without printing the value itself. */
final class Describe {

    private Describe() {
    }

    static String kind(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String) {
            return "a text (scalar)";
        }
        if (value instanceof Number) {
            return "a number (scalar)";
        }
        if (value instanceof Boolean) {
            return "a boolean (scalar)";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
