package org.exekutir.api.secret;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names hold secrets: the one word list of the runtime, for the engine's variables,
 * the providers' {@code cloud_environment}, the children's output and the pruned logs alike.
 *
 * <p>Two kinds, because they are hidden in two ways:
 * <ul>
 * <li>{@linkplain #isSecret secrets}: passwords, pass phrases, tokens, secrets, API and access
 * keys, credentials, authorization headers, cookies, private keys written inline — each a word
 * that ends a word of the name, so {@code TOKENIZER_PATH} is none — and any name with
 * {@code pass} or {@code pwd} as a part ({@code db_pass}). Their values are hunted
 * wherever they appear ({@code OS_PASSWORD} is a secret, {@code OS_AUTH_URL} is not);</li>
 * <li>{@linkplain #isIdentity identities}: user names and logins ({@code ansible_user},
 * {@code OS_USERNAME}). Their values are hidden where a log writes them as {@code key: value},
 * never hunted as bare words: a user named {@code root} would hide every {@code root}.</li>
 * </ul>
 * A name for a file, path or folder ({@code password_file}) holds a path, not the secret, and
 * is neither. Called for every key of every line of a log, so it avoids regular expressions
 * and building many strings.
 */
public final class SecretNames {

    /** Any name containing one of these (case-insensitively) names a secret. */
    private static final List<String> WORDS = List.of("password", "passwd", "passphrase", "secret", "token", "apikey",
            "api_key", "api-key", "accesskey", "access_key", "credential", "authorization", "cookie", "privatekey",
            "private_key");
    /** A name with one of these as a whole part names a secret too. */
    private static final List<String> SECRET_PARTS = List.of("pass", "pwd");
    /** Names containing these, or with these parts, name an identity. */
    private static final List<String> IDENTITY_WORDS = List.of("username", "user_name");
    private static final List<String> IDENTITY_PARTS = List.of("user", "login");

    /** Every secret or identity name contains one of these; a line with none is passed over quickly. */
    private static final List<String> STEMS = List.of("pass", "pwd", "secret", "token", "key", "credential",
            "authorization", "cookie", "user", "login");

    private static final Pattern PATH_KEY = Pattern.compile(".*[_.-](file|files|path|dir|directory)");

    private SecretNames() {
    }

    /** @return whether the text may hold a name of either kind (a quick test before the real one) */
    public static boolean mayName(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String stem : STEMS) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the value of {@code key} (leading dashes of an option ignored) is a secret */
    public static boolean isSecret(String key) {
        String name = withoutDashes(key);
        String lower = name.toLowerCase(Locale.ROOT);
        return !isPath(lower) && (containsWord(name, lower, WORDS) || hasPart(name, lower, SECRET_PARTS));
    }

    /** @return whether the value of {@code key} is a user name or login */
    public static boolean isIdentity(String key) {
        String name = withoutDashes(key);
        String lower = name.toLowerCase(Locale.ROOT);
        return !isPath(lower) && !isSecret(key)
                && (containsAny(lower, IDENTITY_WORDS) || hasPart(name, lower, IDENTITY_PARTS));
    }

    private static String withoutDashes(String key) {
        int start = 0;
        while (start < key.length() && key.charAt(start) == '-') {
            start++;
        }
        return key.substring(start);
    }

    private static boolean isPath(String lower) {
        return lower.equals("pwd") || lower.equals("oldpwd") || PATH_KEY.matcher(lower).matches();
    }

    /**
     * Whether one of the words ends where a word of the name ends: at its end, before a
     * non-letter or a camel-case hump, or before a plural {@code s} ({@code GITHUB_TOKEN},
     * {@code authToken}, {@code API_KEYS}), but not inside a longer word ({@code TOKENIZER_PATH},
     * {@code SECRETARY}, {@code PASSWORDLESS_SUDO}). What comes before it does not matter
     * ({@code XAUTHTOKEN}).
     */
    private static boolean containsWord(String name, String lower, List<String> words) {
        for (String word : words) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                int end = at + word.length();
                if (endsAWord(name, end) || lower.charAt(end) == 's' && endsAWord(name, end + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean endsAWord(String name, int end) {
        return end >= name.length() || !Character.isLetter(name.charAt(end))
                || Character.isUpperCase(name.charAt(end)) && Character.isLowerCase(name.charAt(end - 1));
    }

    private static boolean containsAny(String lower, List<String> words) {
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Parts are split at non-letters and at camel-case humps ({@code dbUser} has the part {@code user}). */
    private static boolean hasPart(String name, String lower, List<String> parts) {
        int partStart = 0;
        for (int i = 1; i <= name.length(); i++) {
            boolean boundary = i == name.length() || !Character.isLetterOrDigit(name.charAt(i))
                    || (Character.isUpperCase(name.charAt(i)) && Character.isLowerCase(name.charAt(i - 1)));
            if (boundary) {
                if (parts.contains(lower.substring(partStart, i))) {
                    return true;
                }
                partStart = i < name.length() && !Character.isLetterOrDigit(name.charAt(i)) ? i + 1 : i;
            }
        }
        return false;
    }
}
