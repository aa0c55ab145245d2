package org.exekutir.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider is tested like any class: the contract's rules hold without a framework. */
class ExampleProviderTest {

    @Test
    void aHostIsCreatedOnceFoundAgainAndDestroyedOnce(@TempDir Path workspace) throws Exception {
        ExampleProvider provider = new ExampleProvider("1.2.3");
        HostRequest request = HostRequest.of("kommandir-42", workspace, Map.of(), HostVars.of("kommandir", Map.of()));

        HostVars created = provider.discoverOrCreate(request);
        String recorded = Files.readString(workspace.resolve("example-hosts/kommandir-42.yml"));
        HostVars found = provider.discoverOrCreate(request);

        assertEquals("localhost", created.address().orElseThrow());
        assertEquals("1.2.3", created.string("example_provider_version").orElseThrow());
        assertTrue(recorded.contains("exekutir_transport: local"), recorded);
        assertEquals(created, found, "the same host is found again by its name");
        assertTrue(provider.age(request).isPresent(), "a created host has an age");
        assertTrue(provider.destroy(request));
        assertFalse(provider.destroy(request), "destroying a host that is gone succeeds and says so");
        assertTrue(provider.age(request).isEmpty());
    }
}
