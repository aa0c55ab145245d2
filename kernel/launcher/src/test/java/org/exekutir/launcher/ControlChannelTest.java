package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlChannelTest {

    @TempDir
    Path home;

    @Test
    void aRefusedCallerHearsTheRefusalEvenWhenItsRequestCouldNotBeWritten() throws Exception {
        // A daemon serving another user: it answers and closes without reading a byte.
        Peers someoneElse = new Peers(FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody"), null, Set.of());
        AtomicBoolean served = new AtomicBoolean();
        try (ControlServer server = ControlServer.open(home, someoneElse, (peer, in, out) -> served.set(true));
                ControlClient client = ControlClient.connect(home)) {
            // Larger than any socket buffer: the write fails with a broken pipe.
            byte[] stdin = new byte[8 * 1024 * 1024];
            client.send(new Wire.Request(Wire.Kind.RUN, List.of("setup", ".", "-"), "/", Map.of(), stdin));
            ControlClient.Refused refused = assertThrows(ControlClient.Refused.class,
                    () -> client.answer(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
            assertTrue(refused.getMessage().contains("serves only user nobody"), refused.getMessage());
        }
        assertEquals(false, served.get(), "the handler never ran for the refused caller");
    }

    @Test
    void theSocketIsTheOwnersAloneInAFolderOnlyTheOwnerEnters() throws Exception {
        try (ControlServer server = ControlServer.open(home, Peers.of(null), (peer, in, out) -> { })) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(server.socket())));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(server.socket().getParent())));
        }
    }
}
