package org.exekutir.engine.internal;

import java.time.Duration;
import java.util.Optional;

import org.exekutir.api.Durations;

/**
 * How long a step waits for a missing service (a step type, a playbook runner, anything a
 * step {@code use}s) before it fails: the framework property {@value #PROPERTY}.
 *
 * <p>The wait covers a provider being swapped: between {@code Bundle.update} and the end of
 * the refresh, the old service is gone before the new one is registered (milliseconds), and
 * with a deploy folder a removed-then-copied jar is gone for up to one poll interval. The
 * default covers both with room to spare, and is short enough that a service that is truly
 * not installed fails the step soon.
 */
public record ServiceWait(Duration duration) {

    public static final String PROPERTY = "exekutir.service.wait";
    public static final ServiceWait DEFAULT = new ServiceWait(Duration.ofSeconds(5));

    /**
     * @param value the property's value: a whole number with a unit, {@code 500ms},
     *              {@code 5s}, {@code 2m}; {@code 0} for no wait; unset or blank for the default
     * @return the wait, or empty when the value has another form
     */
    public static Optional<ServiceWait> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        return Durations.parse(value).map(ServiceWait::new);
    }

    /** For messages: {@code 5 s}, {@code 500 ms}. */
    public String describe() {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
