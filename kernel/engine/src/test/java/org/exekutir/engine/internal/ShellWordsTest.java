package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnBlanksAndNewlines() {
        assertEquals(List.of("-c", "true", "x"), ShellWords.split("  -c\ttrue\n x  "));
    }

    @Test
    void singleQuotesKeepEverything() {
        assertEquals(List.of("-c", "echo \"$A\" \\n # not a comment"),
                ShellWords.split("-c 'echo \"$A\" \\n # not a comment'"));
    }

    @Test
    void doubleQuotesEscapeOnlyShellSpecials() {
        assertEquals(List.of("a \"b\" $c \\d"), ShellWords.split("\"a \\\"b\\\" \\$c \\d\""));
    }

    @Test
    void backslashKeepsTheNextCharacterAndJoinsLines() {
        assertEquals(List.of("a b", "cd"), ShellWords.split("a\\ b c\\\nd"));
    }

    @Test
    void hashStartsACommentOnlyAtTheStartOfAWord() {
        assertEquals(List.of("a#b", "c"), ShellWords.split("a#b # comment here\nc"));
    }

    @Test
    void adjacentQuotedPartsMakeOneWord() {
        assertEquals(List.of("ab c", ""), ShellWords.split("a'b c' \"\""));
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'oops"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"oops"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \\"));
    }

    @Test
    void joinQuotesWhatNeedsIt() {
        List<String> words = List.of("/bin/sh", "-c", "echo 'hi' $X", "");
        String line = ShellWords.join(words);
        assertEquals("/bin/sh -c 'echo '\\''hi'\\'' $X' ''", line);
        assertEquals(words, ShellWords.split(line));
    }
}
