package org.exekutir.provider.script.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.exekutir.api.secret.SecretMask;

/**
 * What a command did.
 *
 * @param exitCode its exit code ({@code 128 + n} when killed by signal n)
 * @param stdout   its standard output, unmasked (host variables are parsed from it)
 * @param stderr   its standard error, unmasked
 */
record ScriptResult(int exitCode, byte[] stdout, byte[] stderr) {

    /** The last {@code count} non-blank lines of standard error, masked, for a message. */
    List<String> stderrTail(SecretMask masker, int count) {
        List<String> lines = Arrays.stream(masker.mask(new String(stderr, StandardCharsets.UTF_8)).split("\\R"))
                .filter(line -> !line.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }
}
