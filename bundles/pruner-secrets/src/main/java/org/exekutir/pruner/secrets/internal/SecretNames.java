package org.exekutir.pruner.secrets.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which keys name a secret: passwords, pass phrases, tokens, secrets, API and access keys,
 * credentials, authorization headers, cookies, private keys written inline, and user names.
 * A key that names a file, path or folder ({@code password_file}) holds a path, not the
 * secret, and is left alone.
 */
final class SecretNames {

    /** Any key containing one of these (case-insensitively) names a secret. */
    static final List<String> WORDS = List.of("password", "passwd", "passphrase", "secret", "token", "apikey", "api_key",
            "api-key", "accesskey", "access_key", "credential", "authorization", "cookie", "privatekey", "private_key",
            "username", "user_name");
    /** A key with one of these as a whole part ({@code ansible_user}, {@code OS_USER_ID}, {@code db_pass}) too. */
    static final List<String> PARTS = List.of("user", "login", "pass", "pwd");

    private static final Pattern PATH_KEY = Pattern.compile(".*[_.-](file|files|path|dir|directory)");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private SecretNames() {
    }

    static boolean isSecret(String key) {
        String name = key.replaceFirst("^-+", "");
        String lower = name.toLowerCase(Locale.ROOT);
        if (PATH_KEY.matcher(lower).matches() || lower.equals("pwd") || lower.equals("oldpwd")) {
            return false;
        }
        if (WORDS.stream().anyMatch(lower::contains)) {
            return true;
        }
        List<String> parts = List.of(CAMEL.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
        return PARTS.stream().anyMatch(parts::contains);
    }
}
