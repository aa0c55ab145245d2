package org.exekutir.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The short header printed to standard error before each action, in ADEPT's shape:
 * the host name and a rule, the action's name, then {@code key = 'value'} lines.
 * Colours only when the caller's terminal is not {@code dumb} or {@code serial}.
 */
public final class Header {

    private static final int RULE_WIDTH = 50;
    /** Longer command lines show their first and last two lines only. */
    private static final int MAX_LINES = 4;

    private final boolean colour;
    private final String hostName;

    public Header(String term, String hostName) {
        this.colour = term != null && !term.isEmpty() && !term.equals("dumb") && !term.equals("serial");
        this.hostName = hostName;
    }

    public String format(String title, Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        text.append(paint(31, hostName)).append(' ')
                .append(paint(32, "#".repeat(Math.max(1, RULE_WIDTH - hostName.length())))).append('\n');
        text.append(title).append(":\n");
        values.forEach((key, value) -> text.append("    ").append(paint(94, key)).append(" = '")
                .append(paint(36, shorten(value))).append("'\n"));
        return text.toString();
    }

    /** The header of an entry: file and number first, then what the step describes. */
    public String entry(String type, String file, int number, Map<String, String> described) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("transition file", file);
        values.put("transition item", Integer.toString(number));
        values.putAll(described);
        return format(Character.toUpperCase(type.charAt(0)) + type.substring(1), values);
    }

    static String shorten(String value) {
        String[] lines = value.split("\n", -1);
        if (lines.length <= MAX_LINES) {
            return value;
        }
        return String.join("\n", lines[0], lines[1], "<...truncated...>", lines[lines.length - 2],
                lines[lines.length - 1]);
    }

    private String paint(int code, String text) {
        return colour ? "\u001b[1;" + code + "m" + text + "\u001b[0;39m" : text;
    }
}
