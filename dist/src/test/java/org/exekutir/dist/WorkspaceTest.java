package org.exekutir.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh folder of its own and an empty workspace {@code ws} inside it. */
abstract class WorkspaceTest {

    /** An entry that writes the environment a command sees into {@code $WORKSPACE/env.txt}. */
    static final String DUMP_ENV = """
            - command:
                filepath: /usr/bin/env
                stdoutfile: $WORKSPACE/env.txt
            """;

    @TempDir
    Path tmp;
    Path ws;

    @BeforeEach
    void createWorkspace() throws IOException {
        ws = Files.createDirectories(tmp.resolve("ws"));
    }
}
