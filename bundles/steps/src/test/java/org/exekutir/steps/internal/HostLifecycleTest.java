package org.exekutir.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.exekutir.api.step.StepException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLifecycleTest {

    @TempDir
    Path workspace;

    private Layout layout;
    private Settings settings;
    private HostLifecycle lifecycle;
    private final TestProvider provider = new TestProvider();
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);

    @BeforeEach
    void setUp() throws Exception {
        layout = new Layout(workspace);
        Files.writeString(layout.settings(), "uuid: job7\n");
        settings = Settings.read(layout);
        lifecycle = new HostLifecycle(layout);
    }

    @Test
    void theIntentIsRecordedBeforeTheProviderIsAsked() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        provider.hook = request -> seen.set(TestProvider.read(layout.hosts().resolve("peon-1.yml")));
        lifecycle.create("peon-1", "test", provider, settings, Map.of(), out);
        assertTrue(seen.get().contains("state: creating"), seen.get());
        assertTrue(seen.get().contains("request: job7-peon-1"), seen.get());
        assertTrue(seen.get().contains("provider: test"), seen.get());
        HostRecord record = lifecycle.records().find("peon-1").orElseThrow();
        assertEquals(HostRecord.State.CREATED, record.state());
        String vars = Files.readString(layout.hostVars("peon-1"));
        assertTrue(vars.contains("ansible_host: 10.0.0.1"), vars);
        assertTrue(vars.contains("exekutir_known_hosts_file: " + layout.knownHosts()), vars);
        assertTrue(Files.exists(layout.results().resolve("hosts/peon-1.yml")));
    }

    @Test
    void theProviderSeesTheJobKeyAndTheMergedSettings() throws Exception {
        AtomicReference<org.exekutir.api.host.HostRequest> seen = new AtomicReference<>();
        provider.hook = seen::set;
        lifecycle.create("peon-1", "test", provider, settings, Map.of("flavour", "small"), out);
        assertEquals("job7-peon-1", seen.get().name());
        assertEquals(layout.privateKey().toString(), seen.get().known().string("ansible_ssh_private_key_file").get());
        assertEquals("small", seen.get().settings().get("flavour"));
        assertEquals("job7", seen.get().settings().get("uuid"));
    }

    @Test
    void whatTheProviderTellsOfItsProgressReachesTheJobsOutputUnderTheHostsName() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream shown = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8);
        provider.hook = request -> request.progress().accept("image 1234: building");
        lifecycle.create("peon-1", "test", provider, settings, Map.of(), shown);
        provider.destroyHook = request -> request.progress().accept("powering off");
        lifecycle.destroy(lifecycle.records().find("peon-1").orElseThrow(), provider, settings, Map.of(), shown);
        String lines = text.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(lines.contains("peon-1: image 1234: building\n"), lines);
        assertTrue(lines.contains("peon-1: powering off\n"), lines);
    }

    @Test
    void aFailedCreationLeavesARecordThatCleanupDestroys() throws Exception {
        provider.failFor.add("peon-2");
        StepException failure = assertThrows(StepException.class,
                () -> lifecycle.create("peon-2", "test", provider, settings, Map.of(), out));
        assertTrue(failure.getMessage().contains("could not create job7-peon-2"), failure.getMessage());
        HostRecord record = lifecycle.records().find("peon-2").orElseThrow();
        assertEquals(HostRecord.State.FAILED, record.state());
        assertTrue(record.mayExist());
        assertFalse(lifecycle.destroy(record, provider, settings, Map.of(), out), "nothing was there to destroy");
        assertEquals(HostRecord.State.DESTROYED, lifecycle.records().find("peon-2").orElseThrow().state());
    }

    @Test
    void destructionIsIdempotent() throws Exception {
        lifecycle.create("peon-1", "test", provider, settings, Map.of(), out);
        HostRecord record = lifecycle.records().find("peon-1").orElseThrow();
        assertTrue(lifecycle.destroy(record, provider, settings, Map.of(), out));
        assertFalse(lifecycle.destroy(record, provider, settings, Map.of(), out));
        assertEquals(HostRecord.State.DESTROYED, lifecycle.records().find("peon-1").orElseThrow().state());
        assertTrue(provider.alive.isEmpty());
    }

    @Test
    void aHostKeepsItsAgeWhenFoundAgain() throws Exception {
        lifecycle.create("kommandir", "test", provider, settings, Map.of(), out);
        Instant first = lifecycle.records().find("kommandir").orElseThrow().since();
        lifecycle.create("kommandir", "test", provider, settings, Map.of(), out);
        assertEquals(first, lifecycle.records().find("kommandir").orElseThrow().since());
    }

    @Test
    void ageComesFromTheProviderElseTheRecord() throws Exception {
        lifecycle.create("kommandir", "test", provider, settings, Map.of(), out);
        HostRecord record = lifecycle.records().find("kommandir").orElseThrow();
        assertTrue(lifecycle.age(record, provider, settings).compareTo(Duration.ofMinutes(1)) < 0);
        provider.age = Duration.ofDays(5);
        assertEquals(Duration.ofDays(5), lifecycle.age(record, provider, settings));
    }
}
