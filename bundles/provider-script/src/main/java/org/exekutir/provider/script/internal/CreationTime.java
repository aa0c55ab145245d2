package org.exekutir.provider.script.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.exekutir.api.host.HostVars;

/**
 * When a host was made, as its provisioning command said: the host variable
 * {@code exekutir_created}, else {@code created}, an ISO-8601 time ({@code 2024-05-01T12:00:00Z};
 * without an offset it is UTC; a date alone is its midnight UTC).
 */
final class CreationTime {

    static final List<String> VARIABLES = List.of("exekutir_created", "created");

    private CreationTime() {
    }

    static Optional<Instant> of(HostVars known) throws IOException {
        if (known == null) {
            return Optional.empty();
        }
        for (String variable : VARIABLES) {
            Object value = known.values().get(variable);
            if (value != null) {
                return Optional.of(instant(value, variable, known.name()));
            }
        }
        return Optional.empty();
    }

    private static Instant instant(Object value, String variable, String host) throws IOException {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = value.toString().strip();
        if (text.matches("\\d{4}-\\d\\d-\\d\\d \\d.*")) {
            text = text.replaceFirst(" ", "T");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IOException("the host variable " + variable + " of " + host + " is '" + text
                            + "', not an ISO-8601 time like 2024-05-01T12:00:00Z");
                }
            }
        }
    }
}
