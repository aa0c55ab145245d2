package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.exekutir.api.host.HostVars;
import org.junit.jupiter.api.Test;

/** The returned variables, written as host_vars, are all the real ansible-playbook needs. */
class NetnsAnsibleTest extends NetnsTestCase {

    @Test
    void aPlaybookRunsOnTheHostWithTheReturnedVariables() throws Exception {
        String name = fixture.name("peon-1");
        HostVars vars = fixture.create(name);
        Path inventory = Files.createDirectories(fixture.workspace.resolve("inventory/host_vars"));
        Files.writeString(fixture.workspace.resolve("inventory/hosts"), "[peons]\n" + vars.name() + "\n");
        Files.writeString(inventory.resolve(vars.name() + ".yml"), vars.values().entrySet().stream()
                .map(entry -> entry.getKey() + ": '" + entry.getValue().toString().replace("'", "''") + "'")
                .collect(Collectors.joining("\n", "---\n", "\n")));
        Path playbook = fixture.workspace.resolve("check.yml");
        Files.writeString(playbook, """
                - hosts: peons
                  gather_facts: false
                  tasks:
                    - ping:
                    - command: ip netns identify
                      register: identify
                    - copy:
                        content: "{{ identify.stdout }}"
                        dest: "{{ exekutir_root }}/namespace.txt"
                """);

        ProcessBuilder ansible = new ProcessBuilder("ansible-playbook", "-i",
                fixture.workspace.resolve("inventory").toString(), playbook.toString()).redirectErrorStream(true)
                // to a file, not a pipe: Ansible's ControlPersist ssh master keeps a pipe open for 60 s
                .redirectOutput(fixture.base.resolve("ansible.log").toFile());
        ansible.environment().putAll(Map.of("ANSIBLE_SSH_CONTROL_PATH_DIR", fixture.base.resolve("cp").toString(),
                "ANSIBLE_LOCAL_TEMP", fixture.base.resolve("tmp").toString(), "ANSIBLE_NOCOLOR", "1"));
        Process process = ansible.start();
        int exitCode = process.waitFor();
        String output = Files.readString(fixture.base.resolve("ansible.log"));
        assertEquals(0, exitCode, output);
        assertTrue(output.contains("ok=3"), output);
        assertEquals(vars.string("netns_namespace").orElseThrow(),
                Files.readString(Path.of(vars.string(HostVars.ROOT).orElseThrow(), "namespace.txt")));
    }
}
