package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.headers;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ADEPT checkout run through exekutir, as an operator migrating from ADEPT runs it:
 * {@code exekutir adept-launcher CHECKOUT} once, then {@code CHECKOUT/adept.py CONTEXT
 * WORKSPACE CHECKOUT/exekutir.xn}. The checkout is this test's own, of ADEPT's shape: an
 * {@code exekutir.xn} that copies {@code $ADEPT_PATH/exekutir/} into the workspace, builds the
 * kommandir's workspace with a playbook (which copies {@code $ADEPT_PATH/adept.py} into it),
 * calls {@code ./adept.py $ADEPT_CONTEXT . job.xn $ADEPT_OPTIONAL} there with its exit code
 * parked, and passes that code up. What is expected is what adept.py gives: ADEPT_PATH is the
 * folder of the adept.py that runs, so the nested run's is the kommandir's workspace.
 */
class AdeptCheckoutTest extends WorkspaceTest {

    private static final String EXEKUTIR_XN = """
            ---
            - command:
                contexts: [setup]
                filepath: /bin/bash
                arguments: |
                    -c 'set -e;
                        cd "$WORKSPACE";
                        echo "Copying ${ADEPT_PATH}/exekutir/ -> $WORKSPACE";
                        cp --target-directory="." --recursive --no-clobber "${ADEPT_PATH}/exekutir/"*;'

            - playbook:
                contexts: [setup, run]
                filepath: "${WORKSPACE}/${ADEPT_CONTEXT}_before_job.yml"
                inventory: "${WORKSPACE}/inventory"

            - command:
                filepath: /bin/bash
                exitfile: "$WORKSPACE/kommandir_${ADEPT_CONTEXT}.exit"
                arguments: >
                    -c 'cd "$WORKSPACE/kommandir_workspace";
                        export WORKSPACE="$PWD";
                        ./adept.py $ADEPT_CONTEXT . job.xn $ADEPT_OPTIONAL'

            - command:
                filepath: /bin/bash
                arguments: -c 'exit $(cat "$WORKSPACE/kommandir_${ADEPT_CONTEXT}.exit")'
            """;

    private static final String SETUP_BEFORE_JOB = """
            - hosts: exekutir
              gather_facts: false
              tasks:
                - name: Kommandir's playbooks and job files are copied to its workspace
                  ansible.builtin.copy:
                    src: "{{ adept_path }}/kommandir/"
                    dest: "{{ workspace }}/kommandir_workspace/"
                - name: Kommandir needs adept.py to execute its job.xn
                  ansible.builtin.copy:
                    src: "{{ adept_path }}/adept.py"
                    dest: "{{ workspace }}/kommandir_workspace/"
                    mode: "0775"
            """;

    private static final String RUN_BEFORE_JOB = """
            - hosts: exekutir
              gather_facts: false
              tasks:
                - ansible.builtin.copy:
                    dest: "{{ workspace }}/before_job_{{ adept_context }}.txt"
                    content: "adept_path={{ adept_path }}\\n"
            """;

    /** The kommandir's job: records what it sees; its run fails with 3. */
    private static final String JOB_XN = """
            - command:
                filepath: /bin/sh
                arguments: -c 'env > "nested_$ADEPT_CONTEXT.txt"'
            - command:
                contexts: [run]
                filepath: /bin/sh
                arguments: -c 'exit 3'
            """;

    private Path checkout;

    @BeforeEach
    void checkout() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("ADEPT")).toRealPath();
        write(checkout.resolve("exekutir.xn"), EXEKUTIR_XN);
        write(checkout.resolve("exekutir/inventory"),
                "exekutir ansible_connection=local ansible_python_interpreter=auto_silent\n");
        write(checkout.resolve("exekutir/setup_before_job.yml"), SETUP_BEFORE_JOB);
        write(checkout.resolve("exekutir/run_before_job.yml"), RUN_BEFORE_JOB);
        write(checkout.resolve("kommandir/job.xn"), JOB_XN);
    }

    private Exekutir.Result adeptPy(String context) {
        return Exekutir.through(checkout.resolve("adept.py")).in(tmp)
                .run(context, "ws", checkout.resolve("exekutir.xn").toString(), "-e", "x=1");
    }

    @Test
    void nestedAdeptPyCallsOfACheckoutRunExekutirWithAdeptsPaths() throws IOException {
        Exekutir.Result written = new Exekutir().run("adept-launcher", checkout.toString());
        assertEquals(0, written.exit(), written::toString);

        Exekutir.Result setup = adeptPy("setup");
        assertEquals(0, setup.exit(), setup::toString);
        Path kommandir = ws.toRealPath().resolve("kommandir_workspace");
        Map<String, String> nested = Exekutir.parseEnv(read(kommandir.resolve("nested_setup.txt")));
        assertEquals(kommandir.toString(), nested.get("ADEPT_PATH"), "the copied adept.py's folder\n" + setup);
        assertEquals(kommandir.toString(), nested.get("WORKSPACE"));
        assertEquals("-e x=1", nested.get("ADEPT_OPTIONAL"));
        assertEquals("0", read(ws.resolve("kommandir_setup.exit")).strip());
        assertTrue(headers(setup.stderr()).stream().anyMatch(h -> h.contains(kommandir.resolve("job.xn").toString())),
                "the nested run is exekutir's: its headers name the kommandir's job.xn\n" + setup);

        Exekutir.Result run = adeptPy("run");
        assertEquals(3, run.exit(), "the job's exit code, parked and passed up\n" + run);
        assertEquals("3", read(ws.resolve("kommandir_run.exit")).strip());
        assertEquals("adept_path=" + checkout + "\n", read(ws.resolve("before_job_run.txt")),
                "the outer run's ADEPT_PATH is the checkout\n" + run);
        assertEquals(kommandir.toString(),
                Exekutir.parseEnv(read(kommandir.resolve("nested_run.txt"))).get("ADEPT_PATH"));

        Exekutir.Result cleanup = adeptPy("cleanup");
        assertEquals(0, cleanup.exit(), cleanup::toString);
        assertTrue(Files.exists(kommandir.resolve("nested_cleanup.txt")), cleanup::toString);
    }

    @Test
    void theOptionAndTheVariableSetAdeptPathForAnyRun() throws IOException {
        Path xn = write(tmp.resolve("where.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo "$ADEPT_PATH" > "$WORKSPACE/adept_path.txt"'
                """);
        Exekutir.Result byOption = new Exekutir().run("--adept-path", checkout.toString(), "setup", ws.toString(),
                xn.toString());
        assertEquals(0, byOption.exit(), byOption::toString);
        assertEquals(checkout + "\n", read(ws.resolve("adept_path.txt")));

        Exekutir.Result byVariable = new Exekutir().env("EXEKUTIR_ADEPT_PATH", checkout.toString())
                .run("setup", ws.toString(), xn.toString());
        assertEquals(0, byVariable.exit(), byVariable::toString);
        assertEquals(checkout + "\n", read(ws.resolve("adept_path.txt")));

        Exekutir.Result neither = new Exekutir().run("setup", ws.toString(), xn.toString());
        assertEquals(Exekutir.HOME.toRealPath() + "\n", read(ws.resolve("adept_path.txt")), neither::toString);

        Exekutir.Result missing = new Exekutir().run("--adept-path", tmp.resolve("nowhere").toString(), "setup",
                ws.toString(), xn.toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.stderr().contains("is not an existing folder"), missing::toString);
    }
}
