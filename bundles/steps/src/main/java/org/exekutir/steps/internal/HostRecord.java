package org.exekutir.steps.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The steps' record of one host, in {@code hosts/<name>.yml}: written with state
 * {@code creating} before a provider is asked for the host, so that cleanup finds every
 * host that may exist, whatever happened after.
 *
 * @param name     the inventory name ({@code kommandir}, {@code peon-1})
 * @param provider the VM provider's name
 * @param request  the name the provider knows the host by ({@code <uuid>-<name>})
 * @param state    what is known of the host
 * @param since    when the host was first asked for (its age counts from here)
 * @param updated  when the record last changed
 * @param error    why the last attempt failed, when it did
 */
record HostRecord(String name, String provider, String request, State state, Instant since, Instant updated,
        Optional<String> error) {

    enum State {
        /** the provider was asked; the host may exist, half-made or whole */
        CREATING,
        /** the provider returned the host's variables */
        CREATED,
        /** the provider failed; parts of the host may exist */
        FAILED,
        /** destruction started */
        DESTROYING,
        /** nothing of the host is left */
        DESTROYED;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String word) {
            return valueOf(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Whether something of the host may still exist. */
    boolean mayExist() {
        return state != State.DESTROYED;
    }

    HostRecord with(State newState, Optional<String> newError) {
        return new HostRecord(name, provider, request, newState, since, Instant.now(), newError);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("provider", provider);
        map.put("request", request);
        map.put("state", state.word());
        map.put("since", since.toString());
        map.put("updated", updated.toString());
        error.ifPresent(text -> map.put("error", text));
        return map;
    }

    static HostRecord fromMap(Map<String, Object> map) {
        return new HostRecord(String.valueOf(map.get("name")), String.valueOf(map.get("provider")),
                String.valueOf(map.get("request")), State.of(String.valueOf(map.get("state"))),
                Instant.parse(String.valueOf(map.get("since"))), Instant.parse(String.valueOf(map.get("updated"))),
                Optional.ofNullable(map.get("error")).map(String::valueOf));
    }
}
