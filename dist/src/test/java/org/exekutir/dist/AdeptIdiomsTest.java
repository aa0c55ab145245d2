package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The idioms ADEPT's own transition files are written in, which must run unchanged: JSON
 * flow-style entries, literal-block shell scripts with heredocs and comments inside the
 * quotes, an exit code parked in a file and passed up later, and per-context entries.
 */
class AdeptIdiomsTest extends WorkspaceTest {

    private static final String TRANSITION = """
            ---
            # vim-syntax: yaml
            - variable: {"name":"OS_PASSWORD","from_env":"OS_PASSWORD","default":""}
            - variable: {"name":"GREETING","from_env":"GREETING","default":"hello"}

            - command:
                contexts:
                    - setup
                filepath: "/bin/bash"
                # N/B: comments inside the quoted script reach bash untouched
                arguments: |
                    -c 'set -e;
                        cd "$WORKSPACE";
                        # a comment with "$ADEPT_CONTEXT" in it
                        cat << EOF > "$WORKSPACE/vars.yml";
                    ---
                    greeting: "$GREETING"
                    optional: "$ADEPT_OPTIONAL"
                    EOF
                        echo "wrote vars.yml";'

            # Allowed to fail: the code is parked in a file for later
            - command:
                contexts:
                    - cleanup
                filepath: /bin/bash
                arguments: -c 'echo "tearing down"; exit 3'
                exitfile: "${WORKSPACE}/before_job.exit"

            - variable:
                contexts:
                    - cleanup
                name: "BEFORE_JOB_EXIT"
                from_file: "$WORKSPACE/before_job.exit"
                default: "0"

            - command:
                filepath: /bin/bash
                arguments: >
                    -c 'echo "${ADEPT_CONTEXT} ran with [$BEFORE_JOB_EXIT]" >> "$WORKSPACE/log.txt"'

            # Pass up a parked non-zero exit code
            - command:
                contexts:
                    - cleanup
                filepath: /bin/bash
                arguments: -c 'exit $BEFORE_JOB_EXIT'
            """;

    @Test
    void setupThenCleanupBehaveAsInAdept() {
        Path xn = write(tmp.resolve("exekutir.xn"), TRANSITION);

        Exekutir.Result setup = new Exekutir().env("OS_PASSWORD", "s3cr3t-value")
                .run("setup", ws.toString(), xn.toString(), "-e", "x=1");
        assertEquals(0, setup.exit(), setup::toString);
        assertEquals("---\ngreeting: \"hello\"\noptional: \"-e x=1\"\n", read(ws.resolve("vars.yml")));
        assertTrue(setup.stdout().contains("wrote vars.yml"), setup::toString);
        assertFalse(Files.exists(ws.resolve("before_job.exit")), "a cleanup entry ran in setup");

        Exekutir.Result cleanup = new Exekutir().env("OS_PASSWORD", "s3cr3t-value")
                .run("cleanup", ws.toString(), xn.toString());
        assertEquals(3, cleanup.exit(), "the parked exit code is passed up last\n" + cleanup);
        assertEquals("3", read(ws.resolve("before_job.exit")));
        assertTrue(cleanup.stdout().contains("tearing down"), cleanup::toString);
        assertEquals("setup ran with []\ncleanup ran with [3]\n", read(ws.resolve("log.txt")),
                "in setup the variable is unset: exekutir leaves $BEFORE_JOB_EXIT to bash, which expands it empty");
        assertFalse((setup.stderr() + cleanup.stderr()).contains("s3cr3t-value"), "secrets are never printed");
    }
}
