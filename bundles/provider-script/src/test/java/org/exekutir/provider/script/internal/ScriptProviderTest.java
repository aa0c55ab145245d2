package org.exekutir.provider.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code script} provider against real shell scripts run as real child processes. */
class ScriptProviderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    @TempDir
    Path workspace;
    @TempDir
    Path scripts;

    private final String uuid = UUID.randomUUID().toString();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Map<String, String> processEnvironment = new HashMap<>();
    private ScriptProvider provider;

    @BeforeEach
    void provider() {
        processEnvironment.put("PATH", System.getenv("PATH"));
        processEnvironment.put("HOME", System.getProperty("user.home"));
        processEnvironment.put("CALLER_TOKEN", "tok-" + uuid);
        processEnvironment.put("NOT_ALLOWED_THROUGH", "caller-only");
        provider = new ScriptProvider(processEnvironment, "/opt/exekutir", logged::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ---- provisioning ------------------------------------------------------------------

    @Test
    void theCommandsYamlMapBecomesTheHostsVariablesNestedValuesIncluded() throws Exception {
        Path create = script("create.sh", """
                echo "making $EXEKUTIR_HOST_NAME" >&2
                cat <<'YAML'
                ---
                ansible_host: 10.1.2.3
                ansible_port: 2222
                ansible_user: root
                exekutir_created: 2026-11-20T03:00:00Z
                public: false
                disks:
                  - {name: vda, size_gb: 20}
                  - {name: vdb, size_gb: 100}
                labels:
                  team: ci
                  nested: {deeper: [1, two]}
                YAML
                """);

        HostVars vars = provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, create.toString())));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ansible_host", "10.1.2.3");
        expected.put("ansible_port", 2222);
        expected.put("ansible_user", "root");
        expected.put("exekutir_created", "2026-11-20T03:00:00Z");
        expected.put("public", false);
        expected.put("disks", List.of(Map.of("name", "vda", "size_gb", 20), Map.of("name", "vdb", "size_gb", 100)));
        expected.put("labels", Map.of("team", "ci", "nested", Map.of("deeper", List.of(1, "two"))));
        assertEquals("kommandir", vars.name());
        assertEquals(expected, vars.values());
        assertEquals(List.of("kommandir: making " + uuid + "-kommandir"), logged);
        String kept = read("results/kommandir_provisioning.txt");
        assertTrue(kept.contains("outcome: exit code 0\n"), kept);
        assertTrue(kept.contains("----- standard output -----\n---\nansible_host: 10.1.2.3\n"), kept);
        assertTrue(kept.contains("----- standard error -----\nmaking " + uuid + "-kommandir\n"), kept);
    }

    @Test
    void aHostIsFoundAgainByItsNameInsteadOfMadeTwice() throws Exception {
        Path state = Files.createDirectories(scripts.resolve("cloud"));
        Path create = script("create.sh", """
                state=%s
                if [ ! -f "$state/$EXEKUTIR_HOST_NAME" ]; then
                    echo made >> "$state/creations"
                    n=$(wc -l < "$state/creations")
                    printf 'ansible_host: 10.0.0.%%s\\n' "$n" > "$state/$EXEKUTIR_HOST_NAME"
                fi
                cat "$state/$EXEKUTIR_HOST_NAME"
                """.formatted(state));
        Map<String, Object> settings = Map.of(ScriptProvider.PROVISIONING, create.toString());

        HostVars first = provider.discoverOrCreate(request("peon-1", settings));
        HostVars again = provider.discoverOrCreate(request("peon-1", settings));
        HostVars other = provider.discoverOrCreate(request("peon-2", settings));

        assertEquals(Map.of("ansible_host", "10.0.0.1"), first.values());
        assertEquals(first, again);
        assertEquals(HostVars.of("peon-2", Map.of("ansible_host", "10.0.0.2")), other);
        assertEquals("made\nmade\n", Files.readString(state.resolve("creations")));
    }

    @Test
    void theCommandGetsTheNamesTheWorkspaceAndACleanEnvironment() throws Exception {
        Path create = script("create.sh", """
                echo "arg_request: $1"
                echo "arg_inventory: $2"
                echo "arg_count: $#"
                echo "env_request: $EXEKUTIR_HOST_NAME"
                echo "env_inventory: $EXEKUTIR_INVENTORY_NAME"
                echo "workspace: $WORKSPACE"
                echo "adept_path: $ADEPT_PATH"
                echo "cwd: $(pwd)"
                echo "path_set: ${PATH:+set}"
                echo "caller_only: '${NOT_ALLOWED_THROUGH:-absent}'"
                """);

        // $1 and $2 belong to the command line; here it hands them on to the script.
        String command = create + " \"$1\" \"$2\"";

        HostVars vars = provider.discoverOrCreate(request("peon-7", Map.of(ScriptProvider.PROVISIONING, command)));

        assertEquals(uuid + "-peon-7", vars.values().get("arg_request"));
        assertEquals("peon-7", vars.values().get("arg_inventory"));
        assertEquals(2, vars.values().get("arg_count"));
        assertEquals(uuid + "-peon-7", vars.values().get("env_request"));
        assertEquals("peon-7", vars.values().get("env_inventory"));
        assertEquals(workspace.toString(), vars.values().get("workspace"));
        assertEquals("/opt/exekutir", vars.values().get("adept_path"));
        assertEquals(workspace.toRealPath().toString(), vars.values().get("cwd"));
        assertEquals("set", vars.values().get("path_set"));
        assertEquals("absent", vars.values().get("caller_only"));
    }

    @Test
    void aMultiLineShellCommandRunsAsAdeptWroteThem() throws Exception {
        // ADEPT's commands are folded YAML with backslash continuations, run by the shell.
        String command = "printf 'ansible_host: %s\\nansible_user: %s\\n' \\\n    10.9.8.7 \\\n    \"$(echo fedora | tr a-z A-Z)\" | cat";

        HostVars vars = provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, command)));

        assertEquals(Map.of("ansible_host", "10.9.8.7", "ansible_user", "FEDORA"), vars.values());
    }

    @Test
    void anotherShellCanBeNamedWithExecutable() throws Exception {
        Map<String, Object> command = Map.of("command", "echo \"shell: ${BASH_VERSION:+bash}\"", "executable", "/bin/bash");

        HostVars vars = provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, command)));

        assertEquals(Map.of("shell", "bash"), vars.values());
    }

    @Test
    void chdirIsHonouredRelativeToTheWorkspaceOrWithWorkspaceSpelledOut() throws Exception {
        Files.createDirectories(workspace.resolve("cloud/bin"));
        Files.createDirectories(workspace.resolve("other"));
        String command = "echo \"cwd: $(pwd)\"";

        HostVars relative = provider.discoverOrCreate(request("kommandir",
                Map.of(ScriptProvider.PROVISIONING, Map.of("command", command, "chdir", "cloud/bin"))));
        HostVars spelled = provider.discoverOrCreate(request("kommandir",
                Map.of(ScriptProvider.PROVISIONING, Map.of("command", command, "chdir", "${WORKSPACE}/other"))));
        HostVars plain = provider.discoverOrCreate(request("kommandir",
                Map.of(ScriptProvider.PROVISIONING, Map.of("command", command, "chdir", "$WORKSPACE/cloud"))));
        HostVars absolute = provider.discoverOrCreate(request("kommandir",
                Map.of(ScriptProvider.PROVISIONING, Map.of("command", command, "chdir", scripts.toString()))));

        assertEquals(workspace.resolve("cloud/bin").toRealPath().toString(), relative.values().get("cwd"));
        assertEquals(workspace.resolve("other").toRealPath().toString(), spelled.values().get("cwd"));
        assertEquals(workspace.resolve("cloud").toRealPath().toString(), plain.values().get("cwd"));
        assertEquals(scripts.toRealPath().toString(), absolute.values().get("cwd"));
    }

    @Test
    void aChdirThatIsNoFolderIsAClearErrorAndNothingRuns() throws Exception {
        Path marker = scripts.resolve("ran");
        Map<String, Object> command = Map.of("command", "touch " + marker, "chdir", "no/such/folder");

        IOException error = assertThrows(IOException.class,
                () -> provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, command))));

        assertEquals("cloud_provisioning_command of kommandir cannot run: its folder (chdir) "
                + workspace.resolve("no/such/folder") + " does not exist or is not a folder", error.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aNonZeroExitIsAnErrorNamingCommandCodeAndKeptOutput() throws Exception {
        Path create = script("create.sh", """
                echo "ansible_host: 10.0.0.1"
                echo "quota exceeded for flavor m1.large" >&2
                exit 3
                """);

        IOException error = assertThrows(IOException.class,
                () -> provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, create.toString()))));

        assertEquals("cloud_provisioning_command of kommandir (" + create + ") exited with code 3;"
                + " its output is kept in results/kommandir_provisioning.txt;"
                + " its standard error ends with:\n    quota exceeded for flavor m1.large", error.getMessage());
        assertEquals("command: " + create + "\ndirectory: " + workspace + "\noutcome: exit code 3\n"
                + "----- standard output -----\nansible_host: 10.0.0.1\n"
                + "----- standard error -----\nquota exceeded for flavor m1.large\n",
                read("results/kommandir_provisioning.txt"));
    }

    @Test
    void outputThatIsNoMapIsAnErrorSayingWhatItWas() throws Exception {
        assertEquals("printed a list on standard output", outputProblem("printf -- '- a\\n- b\\n'"));
        assertEquals("printed a text (scalar) on standard output", outputProblem("echo ready"));
        assertEquals("printed a number (scalar) on standard output", outputProblem("echo 42"));
        assertEquals("printed nothing on standard output", outputProblem("echo only on stderr >&2"));
        assertEquals("printed an empty YAML document on standard output", outputProblem("echo '---'; echo '# nothing'"));
    }

    @Test
    void invalidYamlIsAnErrorWithItsLine() throws Exception {
        String problem = outputProblem("printf 'ansible_host: 10.0.0.1\\nansible_user: root\\n  broken: [x\\n'");

        assertEquals("printed invalid YAML on standard output: line 3, column 9: mapping values are not allowed here", problem);
    }

    @Test
    void cloudEnvironmentReachesTheCommandButItsValuesAreNeverWrittenOrShown() throws Exception {
        String password = "pw-" + uuid;
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("OS_PASSWORD", password);
        cloud.put("OS_TOKEN", "${CALLER_TOKEN}");
        cloud.put("OS_UNSET", "${NOT_SET_ANYWHERE}");
        cloud.put("OS_PORT", 5000);
        cloud.put("HOME", "${WORKSPACE}");
        Path create = script("create.sh", """
                echo "password_seen: $([ "$OS_PASSWORD" = "%s" ] && echo seen || echo missing)"
                echo "token_seen: $([ "$OS_TOKEN" = "tok-%s" ] && echo seen || echo missing)"
                echo "unset_is_empty: $([ -z "$OS_UNSET" ] && echo seen || echo missing)"
                echo "port: $OS_PORT"
                echo "home: $HOME"
                echo "leaked_password: $OS_PASSWORD"
                echo "using password $OS_PASSWORD and token $OS_TOKEN" >&2
                """.formatted(password, uuid));
        Map<String, Object> settings = Map.of(ScriptProvider.PROVISIONING, create.toString(), "cloud_environment", cloud);

        HostVars vars = provider.discoverOrCreate(request("kommandir", settings));

        assertEquals("seen", vars.values().get("password_seen"));
        assertEquals("seen", vars.values().get("token_seen"));
        assertEquals("seen", vars.values().get("unset_is_empty"));
        assertEquals(5000, vars.values().get("port"));
        assertEquals(workspace.toString(), vars.values().get("home"));
        assertEquals(List.of("kommandir: using password <hidden> and token <hidden>"), logged);
        String kept = read("results/kommandir_provisioning.txt");
        assertTrue(kept.contains("leaked_password: <hidden>\n"), kept);
        assertTrue(kept.contains("home: " + workspace + "\n"), "the workspace is no secret: " + kept);
        assertNoFileUnderResultsHolds(password, "tok-" + uuid);
    }

    @Test
    void aFailingCommandsMessageMasksCloudEnvironmentValuesToo() throws Exception {
        String password = "pw-" + uuid;
        Path create = script("create.sh", """
                echo "login with $OS_PASSWORD refused" >&2
                exit 5
                """);
        Map<String, Object> settings = Map.of(
                ScriptProvider.PROVISIONING, Map.of("command", create + " --password \"$OS_PASSWORD\" " + password),
                "cloud_environment", Map.of("OS_PASSWORD", password));

        IOException error = assertThrows(IOException.class, () -> provider.discoverOrCreate(request("kommandir", settings)));

        assertFalse(error.getMessage().contains(password), error.getMessage());
        assertTrue(error.getMessage().contains("--password \"$OS_PASSWORD\" <hidden>) exited with code 5"), error.getMessage());
        assertTrue(error.getMessage().endsWith("\n    login with <hidden> refused"), error.getMessage());
        assertEquals(List.of("kommandir: login with <hidden> refused"), logged);
        assertNoFileUnderResultsHolds(password);
    }

    @Test
    void badSettingsAreNamedAndNothingRuns() {
        assertEquals("the script provider needs the setting cloud_provisioning_command (a command, or a map with"
                + " 'command' and 'chdir') in exekutir_vars.yml or the host's inventory variables",
                settingsProblem(Map.of()));
        assertEquals("cloud_provisioning_command must be a command (text) or a map with 'command' and 'chdir', not a list",
                settingsProblem(Map.of(ScriptProvider.PROVISIONING, List.of("a", "b"))));
        assertEquals("cloud_provisioning_command has unknown key(s) [creates]; it takes [chdir, command, executable]",
                settingsProblem(Map.of(ScriptProvider.PROVISIONING, Map.of("command", "true", "creates", "x"))));
        assertEquals("cloud_provisioning_command.command is empty; it must name the command to run",
                settingsProblem(Map.of(ScriptProvider.PROVISIONING, Map.of("chdir", "/tmp"))));
        assertEquals("cloud_environment has 'OS PASSWORD', which is not an environment variable name",
                settingsProblem(Map.of(ScriptProvider.PROVISIONING, "true", "cloud_environment", Map.of("OS PASSWORD", "x"))));
        assertEquals("cloud_environment.OS_PASSWORD must be a text, number or boolean, not a map",
                settingsProblem(Map.of(ScriptProvider.PROVISIONING, "true",
                        "cloud_environment", Map.of("OS_PASSWORD", Map.of("secret", "value")))));
        assertEquals("cloud_environment must be a map of environment variable names to values, not a list",
                settingsProblem(Map.of(ScriptProvider.PROVISIONING, "true", "cloud_environment", List.of("x"))));
        assertFalse(Files.exists(workspace.resolve("results")));
    }

    @Test
    void anInterruptStopsTheCommandAndItsChildren() throws Exception {
        Path pids = Files.createDirectories(scripts.resolve("pids"));
        Path create = script("create.sh", """
                sleep 60 &
                echo $! > %1$s/child.tmp && mv %1$s/child.tmp %1$s/child
                echo $$ > %1$s/shell.tmp && mv %1$s/shell.tmp %1$s/shell
                sleep 60
                """.formatted(pids));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, create.toString())));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        List<ProcessHandle> started = new ArrayList<>();
        try {
            caller.start();
            started.add(waitForPid(pids.resolve("shell")));
            started.add(waitForPid(pids.resolve("child")));

            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(30));

            assertFalse(caller.isAlive(), "the call returned");
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
            for (ProcessHandle process : started) {
                process.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(process.isAlive(), "process " + process.pid() + " stopped");
            }
            assertTrue(read("results/kommandir_provisioning.txt").contains("outcome: interrupted"));
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
            caller.interrupt();
        }
    }

    // ---- destruction -------------------------------------------------------------------

    @Test
    void destructionRunsTheDestructionCommandAndAHostAlreadyGoneCountsAsDestroyed() throws Exception {
        Path state = Files.createDirectories(scripts.resolve("cloud"));
        Path create = script("create.sh", "echo up > %s/\"$EXEKUTIR_HOST_NAME\"; echo 'ansible_host: 10.0.0.5'".formatted(state));
        Path remove = script("destroy.sh", """
                if [ -f %1$s/"$EXEKUTIR_HOST_NAME" ]; then rm %1$s/"$EXEKUTIR_HOST_NAME"; echo "removed $EXEKUTIR_INVENTORY_NAME"; else echo "$EXEKUTIR_INVENTORY_NAME already gone"; fi
                """.formatted(state));
        Map<String, Object> settings = Map.of(ScriptProvider.PROVISIONING, create.toString(),
                ScriptProvider.DESTRUCTION, Map.of("command", remove.toString(), "chdir", scripts.toString()));
        provider.discoverOrCreate(request("peon-1", settings));
        assertTrue(Files.exists(state.resolve(uuid + "-peon-1")));

        assertTrue(provider.destroy(request("peon-1", settings)));
        assertFalse(Files.exists(state.resolve(uuid + "-peon-1")));
        assertTrue(read("results/peon-1_destruction.txt").contains("----- standard output -----\nremoved peon-1\n"));

        assertTrue(provider.destroy(request("peon-1", settings)));
        assertTrue(read("results/peon-1_destruction.txt").contains("----- standard output -----\npeon-1 already gone\n"));
    }

    @Test
    void aFailedDestructionIsAnError() throws Exception {
        Path remove = script("destroy.sh", "echo 'cloud unreachable' >&2; exit 7");
        Map<String, Object> settings = Map.of(ScriptProvider.DESTRUCTION, remove.toString());

        IOException error = assertThrows(IOException.class, () -> provider.destroy(request("peon-1", settings)));

        assertEquals("cloud_destruction_command of peon-1 (" + remove + ") exited with code 7;"
                + " its output is kept in results/peon-1_destruction.txt; its standard error ends with:\n"
                + "    cloud unreachable", error.getMessage());
    }

    @Test
    void destructionWithoutADestructionCommandIsAClearError() {
        IOException error = assertThrows(IOException.class,
                () -> provider.destroy(request("peon-1", Map.of(ScriptProvider.PROVISIONING, "true"))));

        assertEquals("cannot destroy peon-1 (" + uuid + "-peon-1): the script provider needs the setting"
                + " cloud_destruction_command (a command, or a map with 'command' and 'chdir') in exekutir_vars.yml"
                + " or the host's inventory variables", error.getMessage());
    }

    // ---- age ---------------------------------------------------------------------------

    @Test
    void theAgeComesFromTheCreationTimeTheCommandPrinted() throws Exception {
        assertEquals(Duration.ofDays(4).plusHours(3),
                provider.age(known(Map.of("created", "2026-11-23T00:00:00Z"))).orElseThrow());
        assertEquals(Duration.ofHours(1),
                provider.age(known(Map.of("created", "2020-01-01T00:00:00Z", "exekutir_created", "2026-11-27T04:00:00+02:00")))
                        .orElseThrow());
        assertEquals(Duration.ofHours(27), provider.age(known(Map.of("created", "2026-11-26"))).orElseThrow());
        assertEquals(Duration.ofMinutes(30), provider.age(known(Map.of("created", "2026-11-27 02:30:00"))).orElseThrow());
        assertEquals(Duration.ofDays(1),
                provider.age(known(Map.of("created", Date.from(NOW.minus(Duration.ofDays(1)))))).orElseThrow());
        assertEquals(Duration.ZERO, provider.age(known(Map.of("created", "2030-01-01T00:00:00Z"))).orElseThrow());
        assertTrue(provider.age(known(Map.of("ansible_host", "10.0.0.1"))).isEmpty());
    }

    @Test
    void aCreationTimeThatIsNoTimeIsAnError() {
        IOException error = assertThrows(IOException.class, () -> provider.age(known(Map.of("created", "last tuesday"))));

        assertEquals("the host variable created of kommandir is 'last tuesday', not an ISO-8601 time like 2024-05-01T12:00:00Z",
                error.getMessage());
    }

    // ---- helpers -----------------------------------------------------------------------

    private HostRequest request(String inventoryName, Map<String, Object> settings) {
        HostVars known = HostVars.of(inventoryName,
                Map.of(HostVars.PRIVATE_KEY_FILE, workspace.resolve("ssh/exekutir_key").toString()));
        return HostRequest.of(uuid + "-" + inventoryName, workspace, settings, known);
    }

    private HostRequest known(Map<String, Object> vars) {
        return HostRequest.of(uuid + "-kommandir", workspace, Map.of(), HostVars.of("kommandir", vars));
    }

    private Path script(String name, String body) throws IOException {
        Path file = scripts.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private String read(String relative) throws IOException {
        return Files.readString(workspace.resolve(relative));
    }

    /** The part of the error after the command, up to where the kept output is named. */
    private String outputProblem(String command) {
        IOException error = assertThrows(IOException.class,
                () -> provider.discoverOrCreate(request("kommandir", Map.of(ScriptProvider.PROVISIONING, command))));
        String prefix = "cloud_provisioning_command of kommandir (" + command.replaceAll("\\s+", " ") + ") ";
        String message = error.getMessage();
        assertTrue(message.startsWith(prefix), message);
        String suffix = "; it must print a YAML map of host variables (ansible_host: …); its output is kept in"
                + " results/kommandir_provisioning.txt";
        assertTrue(message.contains(suffix), message);
        return message.substring(prefix.length(), message.indexOf(suffix));
    }

    private String settingsProblem(Map<String, Object> settings) {
        return assertThrows(IOException.class, () -> provider.discoverOrCreate(request("kommandir", settings))).getMessage();
    }

    private void assertNoFileUnderResultsHolds(String... secrets) throws IOException {
        try (Stream<Path> files = Files.walk(workspace.resolve("results"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), file + " holds a secret");
                }
            }
        }
    }

    private static ProcessHandle waitForPid(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the script never wrote " + file);
            }
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(file).strip());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("process " + pid + " is already gone"));
    }
}
