package org.exekutir.provider.script.internal;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps secret values out of what is written and shown: every occurrence of each value
 * becomes {@value #MASK} (the engine's mask). Works on text and on raw bytes, so that a
 * command's output is kept byte for byte apart from the masked values.
 */
final class Masker {

    static final String MASK = "<hidden>";

    /** Non-blank, longest first, so a secret that contains another is masked whole. */
    private final List<String> secrets;

    Masker(List<String> secrets) {
        this.secrets = secrets.stream().filter(value -> !value.isBlank()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String mask(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** Masks UTF-8 encoded secrets in bytes of any encoding; other bytes are kept as they are. */
    byte[] mask(byte[] raw) {
        // ISO-8859-1 maps every byte to one char and back, so unmasked bytes survive unchanged.
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
            text = text.replace(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), MASK);
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
