package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServiceWaitTest {

    @Test
    void unsetOrBlankIsTheDefault() {
        assertEquals(Optional.of(ServiceWait.DEFAULT), ServiceWait.parse(null));
        assertEquals(Optional.of(ServiceWait.DEFAULT), ServiceWait.parse("  "));
    }

    @Test
    void aWholeNumberWithAUnit() {
        assertEquals(Duration.ofMillis(250), ServiceWait.parse("250ms").orElseThrow().duration());
        assertEquals(Duration.ofSeconds(10), ServiceWait.parse(" 10 s ").orElseThrow().duration());
        assertEquals(Duration.ofMinutes(2), ServiceWait.parse("2M").orElseThrow().duration());
        assertEquals(Duration.ZERO, ServiceWait.parse("0").orElseThrow().duration());
    }

    /** A bare number could mean seconds or milliseconds: it is refused rather than guessed. */
    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"5", "5 sec", "-1s", "1.5s", "soon", "s"}) {
            assertTrue(ServiceWait.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void describedForMessages() {
        assertEquals("5 s", ServiceWait.DEFAULT.describe());
        assertEquals("1500 ms", new ServiceWait(Duration.ofMillis(1500)).describe());
    }
}
