package org.exekutir.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderTest {

    @TempDir
    Path workspace;

    private final LocalProvider provider = new LocalProvider();

    private HostRequest request() {
        HostVars known = HostVars.of("kommandir",
                Map.of(HostVars.PRIVATE_KEY_FILE, workspace.resolve("ssh/exekutir_key").toString()));
        return HostRequest.of("3f2a-kommandir", workspace, Map.of("kommandir_provider", "local"), known);
    }

    @Test
    void theHostIsThisOneReachedLocallyWithNoRemoteRoot() throws Exception {
        HostVars vars = provider.discoverOrCreate(request());

        assertEquals("kommandir", vars.name());
        assertEquals(Map.of("ansible_connection", "local", "ansible_host", "localhost", "exekutir_transport", "local"),
                vars.values(), "no exekutir_root: a local kommandir's workspace is the caller's own");
    }

    @Test
    void askingAgainGivesTheSameHost() throws Exception {
        assertEquals(provider.discoverOrCreate(request()), provider.discoverOrCreate(request()));
    }

    @Test
    void destroyingTouchesNothingAndSaysNothingWasMade() throws Exception {
        Files.writeString(workspace.resolve("exekutir_vars.yml"), "uuid: 3f2a\n");

        assertFalse(provider.destroy(request()));
        assertFalse(provider.destroy(request()));
        assertEquals(List.of(workspace.resolve("exekutir_vars.yml")), Files.list(workspace).toList());
    }

    @Test
    void thisHostHasNoAge() throws Exception {
        assertTrue(provider.age(request()).isEmpty());
    }
}
