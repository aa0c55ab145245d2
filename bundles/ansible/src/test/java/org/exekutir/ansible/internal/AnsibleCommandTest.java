package org.exekutir.ansible.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.playbook.PlaybookRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnsibleCommandTest {

    @TempDir
    Path folder;

    @Test
    void composesTheCallInOrderWithThePlaybookLast() throws Exception {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("adept_context", "setup");
        extra.put("workspace", "/w s/\"q\"");
        PlaybookRun run = PlaybookRun.builder(Path.of("/job/site.yml")).inventory(Optional.of(Path.of("/job/inventory")))
                .varsFile(Optional.of(Path.of("/job/vars.yml"))).limit(Optional.of("kommandir")).extraVars(extra)
                .arguments(List.of("-e", "x=1", "--verbose")).build();
        assertEquals(List.of("/usr/bin/ansible-playbook", "--inventory", "/job/inventory", "--extra-vars",
                "@/job/vars.yml", "--limit", "kommandir", "--extra-vars", "@" + folder.resolve("exekutir.json"),
                "--extra-vars", "@" + folder.resolve("optional-1.json"), "--verbose", "/job/site.yml"),
                AnsibleCommand.of(Path.of("/usr/bin/ansible-playbook"), run, folder));
        assertEquals("{\"adept_context\": \"setup\", \"workspace\": \"/w s/\\\"q\\\"\"}",
                Files.readString(folder.resolve("exekutir.json")));
    }

    /** {@code ps} shows every user the command line: no extra variable may stand on it. */
    @Test
    void extraVariablesOfTheOptionalWordsGoToFilesOnlyTheUserReads() throws Exception {
        PlaybookRun run = PlaybookRun.builder(Path.of("/p.yml")).arguments(List.of("-e",
                "OS_PASSWORD=hunter22 region='Region One'", "--extra-vars={\"token\": \"t0k\"}", "-edb_pass=pw9",
                "--extra-vars", "@/given.yml", "-v")).build();
        List<String> command = AnsibleCommand.of(Path.of("ap"), run, folder);
        for (String secret : List.of("hunter22", "t0k", "pw9")) {
            assertTrue(command.stream().noneMatch(word -> word.contains(secret)), command.toString());
        }
        assertTrue(command.containsAll(List.of("@/given.yml", "-v")), command.toString());
        assertEquals("{\"OS_PASSWORD\": \"hunter22\", \"region\": \"Region One\"}",
                Files.readString(folder.resolve("optional-1.json")));
        assertEquals("{\"token\": \"t0k\"}", Files.readString(folder.resolve("optional-2.json")));
        assertEquals("{\"db_pass\": \"pw9\"}", Files.readString(folder.resolve("optional-3.json")));
        for (String name : List.of("optional-1.json", "optional-2.json", "optional-3.json")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(name))));
        }
    }

    @Test
    void leavesOutWhatIsNotGiven() throws Exception {
        PlaybookRun run = PlaybookRun.builder(Path.of("/p.yml")).build();
        assertEquals(List.of("ap", "/p.yml"), AnsibleCommand.of(Path.of("ap"), run, folder));
    }

    @Test
    void findsTheProgramOnTheRunsOwnPath() throws Exception {
        Path program = Files.createFile(folder.resolve("ansible-playbook"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(Optional.of(program),
                AnsibleCommand.locate("ansible-playbook", Map.of("PATH", "/nonexistent:" + folder)));
        assertTrue(AnsibleCommand.locate("ansible-playbook", Map.of("PATH", "/nonexistent")).isEmpty());
        assertEquals(Optional.of(program), AnsibleCommand.locate(program.toString(), Map.of()));
    }

    @Test
    void escapesJson() {
        assertEquals("{\"a\": \"line\\nbreak\\ttab\\\\ \\u0001\"}", AnsibleCommand.json(Map.of("a", "line\nbreak\ttab\\ \u0001")));
    }
}
