package org.exekutir.api.secret;

import java.util.regex.Pattern;

/**
 * Recognises private keys by their content, never by their file name: PEM blocks
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, {@code -----BEGIN PRIVATE KEY-----},
 * {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, {@code -----BEGIN EC PRIVATE KEY-----} …),
 * OpenSSH's {@code -----BEGIN OPENSSH PRIVATE KEY-----}, PGP private key blocks, SSH2
 * ({@code ---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----}) and PuTTY key files. Public keys and
 * certificates have none of these, so they stay.
 */
public final class PrivateKeys {

    static final Pattern BEGIN = Pattern.compile("-{4,5} ?BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{4,5}");
    static final Pattern END = Pattern.compile("-{4,5} ?END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{4,5}");
    private static final String PUTTY = "PuTTY-User-Key-File-";

    private PrivateKeys() {
    }

    /** @return whether the line holds the start of a private key */
    public static boolean begins(String line) {
        return line.contains(PUTTY) || (line.contains("PRIVATE KEY") && BEGIN.matcher(line).find());
    }

    /** @return whether the line opens a key file: its first text is a key's first line */
    public static boolean opens(String line) {
        String text = line.strip();
        return text.startsWith(PUTTY) || BEGIN.matcher(text).lookingAt();
    }
}
