package org.exekutir.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The one form every exekutir setting that is a length of time takes: a whole number with
 * a unit, {@code 500ms}, {@code 10s}, {@code 2m}, or {@code 0}.
 */
public final class Durations {

    private Durations() {
    }

    /** @return the duration, or empty when {@code value} has another form (or is null or blank) */
    public static Optional<Duration> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            return Optional.empty();
        }
        long amount = Long.parseLong(text.substring(0, digits));
        return switch (text.substring(digits).strip()) {
            case "ms" -> Optional.of(Duration.ofMillis(amount));
            case "s" -> Optional.of(Duration.ofSeconds(amount));
            case "m" -> Optional.of(Duration.ofMinutes(amount));
            default -> Optional.empty();
        };
    }
}
