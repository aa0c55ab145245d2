package org.exekutir.netns.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test against the real machine: a fresh {@link Fixture} per test, everything it made removed after. */
abstract class NetnsTestCase {

    protected Fixture fixture;

    @BeforeEach
    void makeFixture() throws Exception {
        fixture = new Fixture();
    }

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        fixture.close();
    }
}
