package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void aRequestCrossesWholeWithLongValuesAndAnyBytes() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("LONG", "x".repeat(100_000));
        environment.put("UNICODE", "grüße ✓");
        byte[] stdin = {0, 1, (byte) 0xff, '\n'};
        Wire.Request sent = new Wire.Request(Wire.Kind.RUN, List.of("setup", "ws dir", "-", "-e", "a=b"), "/tmp/here",
                environment, stdin);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(bytes, Wire.REQUEST, Wire.encode(sent));
        Wire.Frame frame = Wire.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(Wire.REQUEST, frame.type());
        Wire.Request received = Wire.decode(frame.payload());
        assertEquals(sent.kind(), received.kind());
        assertEquals(sent.words(), received.words());
        assertEquals(sent.cwd(), received.cwd());
        assertEquals(environment, received.environment());
        assertArrayEquals(stdin, received.stdin());
    }

    @Test
    void framesFollowOneAnotherAndTheStreamEndsCleanly() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(bytes, Wire.STDOUT, "out".getBytes(StandardCharsets.UTF_8));
        Wire.write(bytes, Wire.STDERR, new byte[0]);
        Wire.write(bytes, Wire.EXIT, Wire.code(130));
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
        assertEquals("out", Wire.read(in).text());
        assertEquals(0, Wire.read(in).payload().length);
        assertEquals(130, Wire.read(in).code());
        assertNull(Wire.read(in));
        assertEquals(-1, new Wire.Frame(Wire.EXIT, Wire.code(-1)).code());
    }

    @Test
    void whatIsNotTheProtocolIsRefusedNotBelieved() {
        byte[] huge = {'O', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        IOException e = assertThrows(IOException.class, () -> Wire.read(new ByteArrayInputStream(huge)));
        assertTrue(e.getMessage().contains("not exekutir's control protocol"), e.getMessage());
        byte[] otherVersion = {0, 0, 0, 9};
        IOException version = assertThrows(IOException.class, () -> Wire.decode(otherVersion));
        assertTrue(version.getMessage().contains("protocol version 9"), version.getMessage());
        IOException truncated = assertThrows(IOException.class,
                () -> Wire.decode("\0\0\0\1".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(truncated.getMessage().contains("malformed"), truncated.getMessage());
    }
}
