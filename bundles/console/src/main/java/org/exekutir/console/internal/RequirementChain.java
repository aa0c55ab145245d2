package org.exekutir.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Felix's account of why a bundle does not resolve, as an operator reads it: each bundle and
 * what it requires, following the cause to the requirement nothing provides, e.g.
 * {@code a requires package x;version=[2.0.0,3.0.0) → b requires package y → none of the
 * repositories has it}.
 */
final class RequirementChain {

    /** One link: "missing requirement [NAME [ID](R ID.REV)] NAMESPACE; FILTER". */
    private static final Pattern LINK = Pattern.compile(
            "missing requirement \\[(\\S+) \\[\\d+\\](?:\\([^)]*\\))?\\] ([\\w.]+); (\\(.*?\\))(?= \\[caused by: |\\]| Unresolved requirements:|$)");
    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern LOWEST = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern BELOW = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    private RequirementChain() {
    }

    /** The chain in {@code message}, ending where nothing provides; the message itself when it holds none. */
    static String of(String message, String end) {
        List<String> links = new ArrayList<>();
        Matcher link = LINK.matcher(message);
        while (link.find()) {
            links.add(link.group(1) + " requires " + requirement(link.group(2), link.group(3)));
        }
        if (links.isEmpty()) {
            return message;
        }
        links.add(end);
        return String.join(" → ", links);
    }

    private static String requirement(String namespace, String filter) {
        if (!namespace.equals("osgi.wiring.package")) {
            return namespace + " " + filter;
        }
        Matcher name = PACKAGE.matcher(filter);
        if (!name.find()) {
            return "package " + filter;
        }
        Matcher lowest = LOWEST.matcher(filter);
        Matcher below = BELOW.matcher(filter);
        String from = lowest.find() ? lowest.group(1) : null;
        String to = below.find() ? below.group(1) : null;
        if (from == null) {
            return "package " + name.group(1);
        }
        return "package " + name.group(1) + ";version=" + (to == null ? from : "[" + from + "," + to + ")");
    }
}
