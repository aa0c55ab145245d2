package org.exekutir.api.secret;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in the lines of one text (a file, a child's output), in order, keeping
 * everything else byte for byte: the value of every {@code key: value}, {@code key=value},
 * {@code "key": "value"} or {@code --key value} whose key names a secret ({@link SecretNames})
 * becomes {@value SecretMask#MASK}
 * with the key kept, so a reader sees that something was there; so do the user and password
 * of a URL ({@code https://user:pw@host}), the lines of a YAML block value ({@code password: |})
 * and the body of a private key block. A line already masked stays as it is.
 */
public final class SecretLines {

    private static final String MASK = SecretMask.MASK;

    /** A key, optionally quoted, then {@code :} or {@code =}. */
    private static final Pattern KEY = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-])([\"']?)(--?[A-Za-z][A-Za-z0-9_.\\-]*|[A-Za-z_][A-Za-z0-9_.\\-]*)\\1[ \\t]*[:=][ \\t]*");
    /** A long option followed by its value after blanks: {@code --os-password x}. */
    private static final Pattern OPTION = Pattern.compile("(?<![A-Za-z0-9_\\-])(--[A-Za-z][A-Za-z0-9\\-]*)[ \\t]+(?=[^\\s-])");
    /** The scheme's length is bounded so that a long run of letters is scanned once, not once per letter. */
    private static final Pattern URL_LOGIN = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]{0,31}://)([^/\\s:@]+):([^/\\s@]+)@");
    private static final Pattern SCHEME_VALUE =
            Pattern.compile("(?i)(?:bearer|basic|token|digest|negotiate|oauth)[ \\t]+[^\\s,;&'\")}\\]]+");
    private static final Pattern WORD_VALUE = Pattern.compile("[^\\s,;&'\")}\\]]+");
    private static final Pattern BLOCK_SCALAR = Pattern.compile("[|>][-+0-9]*[ \\t]*(#.*)?");
    /** What may stand before a key that starts a line: indentation, a YAML list dash, {@code export}, a comment. */
    private static final Pattern LINE_START = Pattern.compile("[ \\t]*(?:-[ \\t]+|export[ \\t]+|#[ \\t]*)*");

    private final boolean identities;
    private boolean inKeyBlock;
    private int blockIndent = -1;

    private SecretLines(boolean identities) {
        this.identities = identities;
    }

    /** For logs and results being pruned: secrets and {@linkplain SecretNames#isIdentity identities}. */
    public static SecretLines forLogs() {
        return new SecretLines(true);
    }

    /** For children's output on its way out: secrets only (a user name shown live is no leak). */
    public static SecretLines forOutput() {
        return new SecretLines(false);
    }

    /** Whether the last line left a value open (a key's body, a YAML block) that goes on in the next lines. */
    boolean midValue() {
        return inKeyBlock || blockIndent >= 0;
    }

    private boolean hides(String key) {
        return SecretNames.isSecret(key) || identities && SecretNames.isIdentity(key);
    }

    /**
     * Masks one line, in order: lines are read one after another, since a value may go on
     * over the next lines (a YAML block, a key's body).
     *
     * @param text a line without its ending
     */
    public String redact(String text) {
        if (inKeyBlock) {
            return insideKeyBlock(text);
        }
        if (blockIndent >= 0) {
            if (text.isBlank()) {
                return text;
            }
            if (indent(text) > blockIndent) {
                return masked(text);
            }
            blockIndent = -1;
        }
        String line = keyBlocks(text);
        if (inKeyBlock) {
            return line;
        }
        line = urlLogins(line);
        if (!SecretNames.mayName(line)) {
            return line;
        }
        line = keyValues(line);
        return options(line);
    }

    private String insideKeyBlock(String text) {
        Matcher end = PrivateKeys.END.matcher(text);
        if (!end.find()) {
            return masked(text);
        }
        inKeyBlock = false;
        String before = text.substring(0, end.start());
        return (before.isBlank() ? before : masked(before)) + text.substring(end.start());
    }

    /** Key bodies on this line are masked; a key that goes on past the line masks the lines up to its end. */
    private String keyBlocks(String text) {
        if (!PrivateKeys.begins(text)) {
            return text;
        }
        Matcher begin = PrivateKeys.BEGIN.matcher(text);
        StringBuilder result = new StringBuilder();
        int from = 0;
        while (begin.find(from)) {
            result.append(text, from, begin.end());
            Matcher end = PrivateKeys.END.matcher(text);
            if (end.find(begin.end())) {
                result.append(text.substring(begin.end(), end.start()).isEmpty() ? "" : MASK).append(end.group());
                from = end.end();
            } else {
                result.append(text.substring(begin.end()).isBlank() ? text.substring(begin.end()) : MASK);
                inKeyBlock = true;
                return result.toString();
            }
        }
        return result.append(text.substring(from)).toString();
    }

    private static String urlLogins(String text) {
        if (!text.contains("://")) {
            return text;
        }
        Matcher login = URL_LOGIN.matcher(text);
        StringBuilder result = new StringBuilder();
        while (login.find()) {
            login.appendReplacement(result, Matcher.quoteReplacement(login.group(1) + MASK + ":" + MASK + "@"));
        }
        return login.appendTail(result).toString();
    }

    private String keyValues(String text) {
        Matcher key = KEY.matcher(text);
        StringBuilder result = new StringBuilder();
        int done = 0;
        int from = 0;
        while (from < text.length() && key.find(from)) {
            from = key.end();
            if (!hides(key.group(2))) {
                continue;
            }
            boolean startsLine = LINE_START.matcher(text).region(0, key.start()).matches();
            int[] value = value(text, key.end(), startsLine);
            if (value == null) {
                if (startsLine && BLOCK_SCALAR.matcher(text.substring(key.end()).strip()).matches()) {
                    blockIndent = indent(text);
                }
                continue;
            }
            result.append(text, done, value[0]).append(MASK);
            done = value[1];
            from = Math.max(from, value[1]);
        }
        return result.append(text.substring(done)).toString();
    }

    private String options(String text) {
        Matcher option = OPTION.matcher(text);
        StringBuilder result = new StringBuilder();
        int done = 0;
        int from = 0;
        while (from < text.length() && option.find(from)) {
            from = option.end();
            if (!hides(option.group(1))) {
                continue;
            }
            int[] value = value(text, option.end(), false);
            if (value != null) {
                result.append(text, done, value[0]).append(MASK);
                done = value[1];
                from = value[1];
            }
        }
        return result.append(text.substring(done)).toString();
    }

    /**
     * Where the value starting at {@code at} lies: inside its quotes; for a key that starts
     * the line, the rest of the line; else one word (or an authorization scheme and its word).
     *
     * @return {@code [start, end)}, or {@code null} when there is nothing to mask
     */
    private static int[] value(String text, int at, boolean wholeRest) {
        if (at >= text.length()) {
            return null;
        }
        char first = text.charAt(at);
        int start;
        int end;
        if (first == '"' || first == '\'') {
            start = at + 1;
            end = closingQuote(text, start, first);
        } else if (wholeRest) {
            start = at;
            end = text.stripTrailing().length();
            if (end > start && text.charAt(end - 1) == ',') {
                end--;
            }
            if (BLOCK_SCALAR.matcher(text.substring(start, end)).matches()) {
                return null;
            }
        } else {
            Matcher word = SCHEME_VALUE.matcher(text).region(at, text.length());
            if (!word.lookingAt()) {
                word = WORD_VALUE.matcher(text).region(at, text.length());
                if (!word.lookingAt()) {
                    return null;
                }
            }
            start = at;
            end = word.end();
        }
        String value = text.substring(start, end);
        return value.isBlank() || value.equals(MASK) ? null : new int[] { start, end };
    }

    private static int closingQuote(String text, int from, char quote) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote && quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                i++; // YAML's '' inside single quotes is a quote, not the end
            } else if (c == quote) {
                return i;
            }
        }
        return text.stripTrailing().length();
    }

    private static int indent(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The line's indentation kept, its text masked. */
    private static String masked(String text) {
        if (text.isBlank() || text.strip().equals(MASK)) {
            return text;
        }
        return text.substring(0, indent(text)) + MASK;
    }
}
