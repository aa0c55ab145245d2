package org.exekutir.pruner.secrets.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which keys name a secret: passwords, pass phrases, tokens, secrets, API and access keys,
 * credentials, authorization headers, cookies, private keys written inline, and user names.
 * A key that names a file, path or folder ({@code password_file}) holds a path, not the
 * secret, and is left alone. Called for every key of every line of a log, so it avoids
 * building regular expressions or many strings.
 */
final class SecretNames {

    /** Any key containing one of these (case-insensitively) names a secret. */
    static final List<String> WORDS = List.of("password", "passwd", "passphrase", "secret", "token", "apikey", "api_key",
            "api-key", "accesskey", "access_key", "credential", "authorization", "cookie", "privatekey", "private_key",
            "username", "user_name");
    /** A key with one of these as a whole part ({@code ansible_user}, {@code OS_USER_ID}, {@code db_pass}) too. */
    static final List<String> PARTS = List.of("user", "login", "pass", "pwd");

    /** Every secret key contains one of these; a line with none is passed over quickly. */
    private static final List<String> STEMS = List.of("pass", "pwd", "secret", "token", "key", "credential",
            "authorization", "cookie", "user", "login");

    private static final Pattern PATH_KEY = Pattern.compile(".*[_.-](file|files|path|dir|directory)");

    private SecretNames() {
    }

    /** @return whether the text may hold a key that names a secret (a quick test before the real one) */
    static boolean mayName(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String stem : STEMS) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    static boolean isSecret(String key) {
        int start = 0;
        while (start < key.length() && key.charAt(start) == '-') {
            start++;
        }
        String name = key.substring(start);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("pwd") || lower.equals("oldpwd") || PATH_KEY.matcher(lower).matches()) {
            return false;
        }
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return hasSecretPart(name, lower);
    }

    /** Parts are split at non-letters and at camel-case humps ({@code dbUser} has the part {@code user}). */
    private static boolean hasSecretPart(String name, String lower) {
        int partStart = 0;
        for (int i = 1; i <= name.length(); i++) {
            boolean boundary = i == name.length() || !Character.isLetterOrDigit(name.charAt(i))
                    || (Character.isUpperCase(name.charAt(i)) && Character.isLowerCase(name.charAt(i - 1)));
            if (boundary) {
                if (PARTS.contains(lower.substring(partStart, i))) {
                    return true;
                }
                partStart = i < name.length() && !Character.isLetterOrDigit(name.charAt(i)) ? i + 1 : i;
            }
        }
        return false;
    }
}
