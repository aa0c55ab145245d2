package org.exekutir.engine.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Transition files are UTF-8 text; anything else is named by line and byte, not by a stack trace. */
final class Utf8 {

    private Utf8() {
    }

    /** The problem of bytes that are not UTF-8, at the first byte that is not; empty when they all are. */
    static Optional<Problem> check(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int offset = in.position();
                return Optional.of(new Problem(file, lineOf(bytes, offset), 0, null, String.format(
                        "byte %d (0x%02x at offset %d) is not UTF-8 text: a binary file, or text in another "
                                + "encoding such as Latin-1; save it as UTF-8", offset + 1, bytes[offset] & 0xff,
                        offset)));
            }
            if (result.isUnderflow()) {
                return Optional.empty();
            }
            out.clear();
        }
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
