package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void utf8TextPassesWhateverItsScript() {
        assertTrue(Utf8.check("t.xn", "- command: {filepath: /bin/echo, arguments: 'grüße ✓ 😀'}\n"
                .getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(Utf8.check("t.xn", new byte[0]).isEmpty());
    }

    @Test
    void theFirstByteThatIsNotUtf8IsNamedWithItsLine() {
        String text = "- command:\n    filepath: /bin/echo\n    arguments: caf\u00e9\n";
        int offset = text.indexOf('\u00e9'); // Latin-1: one byte per character
        Problem problem = Utf8.check("t.xn", text.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();
        assertEquals(3, problem.line());
        assertEquals("t.xn:3: in context setup: byte " + (offset + 1) + " (0xe9 at offset " + offset
                + ") is not UTF-8 text: a binary file, or text in another encoding such as Latin-1; save it as UTF-8",
                problem.format("setup"));
        byte[] binary = {0x7f, 'E', 'L', 'F', (byte) 0xff, 0};
        assertEquals(1, Utf8.check("t.xn", binary).orElseThrow().line());
    }
}
