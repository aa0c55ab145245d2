package org.exekutir.api.secret;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secret values of one run, and how they are hidden: every occurrence becomes
 * {@value #MASK}, in text, in raw bytes of any encoding, and in a child's output as it
 * streams ({@link #masking}), where a value split across two writes is hidden whole, as CI
 * systems hide registered secrets in build logs.
 *
 * <p>Values shorter than {@value #SHORTEST} characters are not hunted (a one-letter
 * password would hide every such letter of every line); a value of several lines is hunted
 * whole and line by line. Immutable.
 */
public final class SecretMask {

    /** What a secret value is replaced by, everywhere. */
    public static final String MASK = "<hidden>";

    /** The length from which a value is hunted in text. */
    public static final int SHORTEST = 3;

    private static final SecretMask NONE = new SecretMask(List.of());

    /** Longest first, so that a value that contains another is hidden whole. */
    private final List<String> values;
    /** The values' UTF-8 bytes, each byte one char (ISO-8859-1): raw output is masked byte for byte. */
    private final List<String> latin;

    private SecretMask(List<String> values) {
        this.values = values;
        this.latin = values.stream()
                .map(value -> new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).toList();
    }

    /** No secret values (lines that carry secrets are still masked in {@link #masking streams}). */
    public static SecretMask none() {
        return NONE;
    }

    /** A mask of {@code values}; blank and too short ones are left out. */
    public static SecretMask of(Collection<String> values) {
        Set<String> hunted = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            add(hunted, value);
            if (value.indexOf('\n') >= 0) {
                for (String line : value.split("\r?\n")) {
                    add(hunted, line);
                }
            }
        }
        List<String> sorted = new ArrayList<>(hunted);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted.isEmpty() ? NONE : new SecretMask(List.copyOf(sorted));
    }

    private static void add(Set<String> hunted, String value) {
        if (value.strip().length() >= SHORTEST) {
            hunted.add(value);
        }
    }

    /** Whether a variable holds a secret: by its {@linkplain SecretNames#isSecret name}, or a private key as value. */
    public static boolean isSecret(String name, String value) {
        return SecretNames.isSecret(name) || value != null && value.contains("PRIVATE KEY-----");
    }

    /** The values of the {@linkplain #isSecret secret} variables among {@code variables}. */
    public static List<String> secretValues(Map<String, String> variables) {
        List<String> secrets = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (isSecret(name, value)) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    /** This mask with {@code more} values. */
    public SecretMask with(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(values);
        all.addAll(more);
        return of(all);
    }

    /** The hunted values, longest first. */
    public List<String> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every secret value replaced by {@value #MASK}. */
    public String mask(String text) {
        String result = text;
        for (String value : values) {
            result = result.replace(value, MASK);
        }
        return result;
    }

    /**
     * {@code text} as a {@link #masking} stream would pass it on: the values hidden, and the
     * lines that carry secrets ({@code Authorization: Bearer …}) masked. For messages.
     */
    public String maskText(String text) {
        SecretLines lines = SecretLines.forOutput();
        StringBuilder result = new StringBuilder(text.length());
        int from = 0;
        String masked = mask(text);
        while (from <= masked.length()) {
            int end = masked.indexOf('\n', from);
            String line = masked.substring(from, end < 0 ? masked.length() : end);
            result.append(lines.redact(line));
            if (end < 0) {
                break;
            }
            result.append('\n');
            from = end + 1;
        }
        return result.toString();
    }

    /** Masks UTF-8 encoded secrets in bytes of any encoding; other bytes stay as they are. */
    public byte[] mask(byte[] raw) {
        return maskLatin(new String(raw, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Masks text whose chars are bytes (ISO-8859-1). */
    String maskLatin(String bytes) {
        String result = bytes;
        for (String value : latin) {
            result = result.replace(value, MASK);
        }
        return result;
    }

    /**
     * How many of the last {@code length} bytes of {@code bytes} may be the start of a
     * secret value that the next write completes: they must not be shown yet.
     */
    int heldBack(byte[] bytes, int length) {
        int held = 0;
        for (String value : latin) {
            for (int k = Math.min(value.length() - 1, length); k > held; k--) {
                if (startsWith(value, bytes, length - k, k)) {
                    held = k;
                    break;
                }
            }
        }
        return held;
    }

    private static boolean startsWith(String value, byte[] bytes, int from, int count) {
        for (int i = 0; i < count; i++) {
            if ((bytes[from + i] & 0xff) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A stream that writes into {@code target} what is written into it, with this mask's
     * values and the {@linkplain SecretLines lines that carry secrets} masked. It passes
     * output on as it is flushed, except for what may still turn out to be a secret (a line
     * naming one, the start of a value); {@link #end} writes the rest. Closing it ends it and
     * leaves {@code target} open.
     */
    public OutputStream masking(OutputStream target) {
        return new MaskingStream(this, target);
    }

    /**
     * Ends a child's output written into {@code stream}: what a {@link #masking} stream still
     * holds is written, masked. Every contract that copies a child's output into a stream it
     * was given calls this when the output ends; other streams are left as they are.
     */
    public static void end(OutputStream stream) throws java.io.IOException {
        if (stream instanceof MaskingStream masking) {
            masking.end();
        }
    }
}
