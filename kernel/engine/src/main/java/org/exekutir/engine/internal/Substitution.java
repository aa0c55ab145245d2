package org.exekutir.engine.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $NAME} and {@code ${NAME}} replaced by values from a map. A name is the longest
 * run of letters, digits and {@code _} after the {@code $}, as in a shell; names the map
 * does not hold stay as written, so a shell later sees its own variables untouched.
 */
public final class Substitution {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private Substitution() {
    }

    public static String apply(String text, Map<String, String> variables) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder(text.length());
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = variables.get(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
