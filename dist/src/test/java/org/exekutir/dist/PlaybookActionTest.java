package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.headerWith;
import static org.exekutir.dist.Exekutir.namesEntry;
import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xn-format.md, "{@code playbook}", with the real {@code ansible-playbook} on this host.
 * Each run costs seconds, so one run checks many rules at once.
 */
class PlaybookActionTest {

    private static final String INVENTORY = """
            localhost ansible_connection=local ansible_python_interpreter=auto_silent
            other ansible_connection=local ansible_python_interpreter=auto_silent
            """;

    /** Writes, per host, what the playbook sees into the workspace. */
    private static final String SEEN = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: record what the playbook sees
                  ansible.builtin.copy:
                    dest: "{{ workspace }}/seen-{{ inventory_hostname }}.txt"
                    content: |
                      adept_context={{ adept_context }}
                      workspace={{ workspace }}
                      adept_path={{ adept_path }}
                      adept_optional={{ adept_optional | default('UNSET') }}
                      extra={{ extra | default('UNSET') }}
                      from_varsfile={{ from_varsfile | default('UNSET') }}
                      verbosity={{ ansible_verbosity }}
                      ansible_config={{ lookup('env', 'ANSIBLE_CONFIG') }}
                      private_key_file={{ lookup('env', 'ANSIBLE_PRIVATE_KEY_FILE') }}
                      my_password={{ lookup('env', 'MY_PASSWORD') }}
                      cwd={{ lookup('pipe', 'pwd') }}
                      relative={{ lookup('pipe', 'cat relative-data.txt') }}
                      inventory_dir={{ inventory_dir }}
            """;

    @TempDir
    Path tmp;
    Path ws;
    Path job;

    @BeforeEach
    void setUp() throws IOException {
        ws = Files.createDirectories(tmp.resolve("ws"));
        job = ws.resolve("job");
        write(job.resolve("site.yml"), SEEN);
        write(job.resolve("inventory"), INVENTORY);
        write(job.resolve("relative-data.txt"), "found-relative\n");
    }

    private static Map<String, String> seen(Path file) {
        assertTrue(Files.exists(file), file + " was not written by the playbook");
        return Exekutir.parseEnv(read(file));
    }

    /** adept.py parks a failure to start in the exit file and goes on; ADEPT's own cleanup relies on it. */
    @Test
    void aMissingPlaybookWithAnExitFileIsParkedAndTheTransitionGoesOn() throws IOException {
        Path xn = write(tmp.resolve("missing.xn"), """
                - playbook:
                    filepath: $WORKSPACE/job/no-such-playbook.yml
                    exitfile: $WORKSPACE/missing.exit
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after-the-failure'
                """);
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertEquals("1", read(ws.resolve("missing.exit")).strip(), result::toString);
        assertTrue(Files.exists(ws.resolve("after-the-failure")), result::toString);
        assertTrue(result.stderr().contains("no-such-playbook.yml does not exist"), result::toString);
    }

    @Test
    void playbookGetsInventoryVarsfileLimitConfigExtraVarsOptionalAndEnvironment() throws IOException {
        write(job.resolve("vars.yml"), "from_varsfile: yes-vars\n");
        write(job.resolve("ansible.cfg"), "[defaults]\nretry_files_enabled = False\n");
        Path xn = write(tmp.resolve("play.xn"), """
                - variable:
                    name: ANSIBLE_PRIVATE_KEY_FILE
                    value: $WORKSPACE/ssh/id_test
                - playbook:
                    filepath: $WORKSPACE/job/site.yml
                    inventory: ${WORKSPACE}/job/inventory
                    varsfile: $WORKSPACE/job/vars.yml
                    limit: localhost
                    config: $WORKSPACE/job/ansible.cfg
                    stdoutfile: $WORKSPACE/playbook.out
                    exitfile: $WORKSPACE/playbook.exit
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after-playbook'
                """);
        Exekutir.Result result = new Exekutir().env("MY_PASSWORD", "leak-me-not").in(tmp)
                .run("run", ws.toString(), xn.toString(), "--verbose", "-e", "extra=1");
        assertEquals(0, result.exit(), result::toString);
        String real = ws.toRealPath().toString();

        assertEquals("0", read(ws.resolve("playbook.exit")).strip(), "exitfile of a playbook");
        assertTrue(read(ws.resolve("playbook.out")).contains("PLAY RECAP"), "stdoutfile of a playbook");
        assertFalse(result.stdout().contains("PLAY RECAP"), "the playbook's output went to its stdoutfile\n" + result);
        assertTrue(Files.exists(ws.resolve("after-playbook")), "the transition continues\n" + result);

        Map<String, String> vars = seen(ws.resolve("seen-localhost.txt"));
        assertFalse(Files.exists(ws.resolve("seen-other.txt")), "--limit localhost keeps 'other' out");
        assertEquals("run", vars.get("adept_context"));
        assertEquals(real, vars.get("workspace"));
        assertEquals(Exekutir.HOME.toRealPath().toString(), vars.get("adept_path"));
        assertEquals("--verbose -e extra=1", vars.get("adept_optional"));
        assertEquals("1", vars.get("extra"), "OPTIONAL words reach ansible-playbook");
        assertEquals("1", vars.get("verbosity"), "--verbose after FILE.xn reaches ansible-playbook");
        assertEquals("yes-vars", vars.get("from_varsfile"), "an existing varsfile is passed");
        assertEquals(real + "/job/ansible.cfg", vars.get("ansible_config"));
        assertEquals(real + "/ssh/id_test", vars.get("private_key_file"));
        assertEquals("", vars.get("my_password"), "the caller's secret must not reach the playbook");
        assertEquals(real + "/job", vars.get("cwd"), "the working directory is the playbook's folder");
        assertEquals("found-relative", vars.get("relative"));

        String header = headerWith(result.stderr(), "site.yml");
        assertTrue(header.toLowerCase(Locale.ROOT).contains("playbook"), header);
        assertTrue(header.contains(xn.toString()), header);
        assertTrue(namesEntry(header, xn, 2), header);
    }

    @Test
    void missingVarsfileIsNotPassedAndEmptyOptionalIsNotAnExtraVar() {
        Path xn = write(tmp.resolve("play.xn"), """
                - playbook:
                    filepath: $WORKSPACE/job/site.yml
                    inventory: $WORKSPACE/job/inventory
                    varsfile: $WORKSPACE/job/no-such-vars.yml
                """);
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.stdout().contains("PLAY RECAP"), "playbook output goes to stdout by default\n" + result);
        Map<String, String> vars = seen(ws.resolve("seen-localhost.txt"));
        assertTrue(Files.exists(ws.resolve("seen-other.txt")), "no limit: every host");
        assertEquals("setup", vars.get("adept_context"));
        assertEquals("UNSET", vars.get("adept_optional"), "adept_optional only when OPTIONAL is not empty");
        assertEquals("UNSET", vars.get("from_varsfile"));
        assertEquals("", vars.get("ansible_config"), "no config, no ANSIBLE_CONFIG");
    }

    /**
     * As adept.py resolves every path (os.path.realpath): '..' after a link leads beside the
     * link's target, and the inventory reaches Ansible by its real path, so inventory_dir is
     * the real folder.
     */
    @Test
    void pathsResolveLinksBeforeDotDotAndTheInventoryArrivesByItsRealPath() throws IOException {
        Path sub = Files.createDirectories(job.resolve("sub"));
        Files.createSymbolicLink(ws.resolve("into-sub"), sub);
        Files.createSymbolicLink(ws.resolve("job-link"), job);
        Path xn = write(tmp.resolve("play.xn"), """
                - playbook:
                    filepath: $WORKSPACE/into-sub/../site.yml
                    inventory: $WORKSPACE/job-link/inventory
                    exitfile: $WORKSPACE/into-sub/../play.exit
                """);
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertEquals("0", read(job.resolve("play.exit")).strip(), "beside the link's target\n" + result);
        Map<String, String> vars = seen(ws.resolve("seen-localhost.txt"));
        assertEquals(job.toRealPath().toString(), vars.get("inventory_dir"), result::toString);
        assertEquals(job.toRealPath().toString(), vars.get("cwd"), "the playbook's real folder");
    }

    @Test
    void aGlobalAnsibleConfigWinsOverThePlaybooksConfig() throws IOException {
        write(job.resolve("ansible.cfg"), "[defaults]\nretry_files_enabled = False\n");
        write(job.resolve("global.cfg"), "[defaults]\nretry_files_enabled = False\n");
        Path xn = write(tmp.resolve("play.xn"), """
                - variable: {name: ANSIBLE_CONFIG, value: $WORKSPACE/job/global.cfg}
                - playbook:
                    filepath: $WORKSPACE/job/site.yml
                    inventory: $WORKSPACE/job/inventory
                    config: $WORKSPACE/job/ansible.cfg
                """);
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        assertEquals(ws.toRealPath().resolve("job/global.cfg").toString(),
                seen(ws.resolve("seen-localhost.txt")).get("ansible_config"), "as in adept.py");
    }

    @Test
    void failingPlaybookStopsTheTransitionWithItsExitCode() {
        write(job.resolve("fail.yml"), """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - ansible.builtin.fail:
                        msg: deliberate failure
                """);
        Path xn = write(tmp.resolve("fail.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch before'
                - playbook:
                    filepath: $WORKSPACE/job/fail.yml
                    inventory: $WORKSPACE/job/inventory
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after'
                """);
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
        assertEquals(2, result.exit(), "ansible-playbook exits 2 when a task fails\n" + result);
        assertTrue(result.stdout().contains("deliberate failure"), result::toString);
        assertTrue(Files.exists(ws.resolve("before")), "this was not a validation error\n" + result);
        assertFalse(Files.exists(ws.resolve("after")), "entries after a failure must not run\n" + result);
    }

    @Test
    void missingPlaybookFailsWithAClearMessage() {
        Path xn = write(tmp.resolve("missing.xn"), """
                - playbook:
                    filepath: $WORKSPACE/job/no-such-playbook.yml
                - command:
                    filepath: /bin/sh
                    arguments: -c 'touch after'
                """);
        Exekutir.Result result = new Exekutir().in(tmp).run("setup", ws.toString(), xn.toString());
        assertNotEquals(0, result.exit(), result::toString);
        assertTrue(result.stderr().lines().anyMatch(l -> l.contains("no-such-playbook.yml") && l.contains("entry #1")),
                result::toString);
        assertFalse(Files.exists(ws.resolve("after")), result::toString);
    }
}
