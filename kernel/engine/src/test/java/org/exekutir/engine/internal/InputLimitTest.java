package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLimitTest {

    @Test
    void sizesInTheirUsualForms() {
        assertEquals(Optional.of(InputLimit.DEFAULT), InputLimit.parse(null));
        assertEquals(1024 * 1024, InputLimit.DEFAULT.bytes());
        assertEquals(512 * 1024, InputLimit.parse("512KiB").orElseThrow().bytes());
        assertEquals(2 * 1024 * 1024, InputLimit.parse(" 2 MiB ").orElseThrow().bytes());
        assertEquals(100_000, InputLimit.parse("100000").orElseThrow().bytes());
        for (String bad : new String[] {"lots", "-1", "0", "1GiB", "1.5MiB"}) {
            assertTrue(InputLimit.parse(bad).isEmpty(), bad);
        }
        assertEquals("1 MiB", InputLimit.DEFAULT.describe());
    }

    @Test
    void aFileOverTheLimitIsNotRead(@TempDir Path folder) throws Exception {
        InputLimit limit = new InputLimit(10);
        Path small = Files.writeString(folder.resolve("small.xn"), "0123456789");
        Path large = Files.writeString(folder.resolve("large.xn"), "0123456789!");
        assertEquals("0123456789", new String(limit.read(small).orElseThrow()));
        assertTrue(limit.read(large).isEmpty());
        assertTrue(limit.read(new ByteArrayInputStream(new byte[11])).isEmpty(), "standard input too");
        assertEquals(10, limit.read(new ByteArrayInputStream(new byte[10])).orElseThrow().length);
    }
}
