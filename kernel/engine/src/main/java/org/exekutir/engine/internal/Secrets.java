package org.exekutir.engine.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which variables hold secrets, and how to keep their values out of what is printed.
 * A name is secret when it contains PASSWORD, PASSWD, TOKEN, SECRET or CREDENTIAL, starts
 * with {@code OS_} (OpenStack credentials), or names a private key itself (not a key
 * file's path). A value that holds a PEM private key is secret whatever its name.
 */
public final class Secrets {

    public static final String MASK = "<hidden>";

    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(PASSWORD|PASSWD|TOKEN|SECRET|CREDENTIAL).*|OS_.*|.*PRIVATE_KEY");

    private Secrets() {
    }

    public static boolean isSecret(String name, String value) {
        return SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches()
                || (value != null && value.contains("PRIVATE KEY-----"));
    }

    /** @return the non-blank secret values among {@code variables}, longest first */
    public static List<String> values(Map<String, String> variables) {
        return variables.entrySet().stream()
                .filter(e -> isSecret(e.getKey(), e.getValue()))
                .map(Map.Entry::getValue)
                .filter(value -> !value.isBlank())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Replaces every occurrence of each secret value by {@value #MASK}. */
    public static String redact(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
