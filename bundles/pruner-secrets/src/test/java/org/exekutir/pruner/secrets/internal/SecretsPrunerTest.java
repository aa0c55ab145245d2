package org.exekutir.pruner.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.exekutir.api.prune.PruneReport;
import org.exekutir.api.secret.PrivateKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code secrets} pruner on a workspace as a job leaves it, with keys made by the real ssh-keygen. */
class SecretsPrunerTest {

    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUW0e4Zt0bN0l2sFQ8zQ1r4n0c5QwwCgYIKoZIzj0EAwIw
            -----END CERTIFICATE-----
            """;

    /** Keys are made once (RSA takes a while) and copied into each test's workspace. */
    @TempDir
    static Path keys;

    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    private final SecretsPruner pruner = new SecretsPruner();
    private TreeMap<String, byte[]> outsideBefore;

    @BeforeAll
    static void keys() throws Exception {
        sshKeygen(keys.resolve("ed25519"), "-t", "ed25519");
        sshKeygen(keys.resolve("rsa-pem"), "-t", "rsa", "-b", "2048", "-m", "PEM");
        sshKeygen(keys.resolve("ecdsa-encrypted"), "-t", "ecdsa", "-N", "a pass phrase");
        sshKeygen(keys.resolve("ecdsa-pkcs8"), "-t", "ecdsa", "-b", "384", "-m", "PKCS8");
        sshKeygen(keys.resolve("rsa-pkcs8"), "-t", "rsa", "-b", "2048", "-m", "PKCS8");
    }

    @BeforeEach
    void job() throws Exception {
        write("exekutir_vars.yml", "uuid: 3f2a\nadept_debug: false\n");
        key("ed25519", "ssh/exekutir_key");
        write("ssh/known_hosts", "[10.213.0.2]:22 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0ZXN0\n");
        key("rsa-pem", "kommandir_workspace/ssh/peon_key");
        key("ecdsa-encrypted", "kommandir_workspace/keys/deploy");
        key("ecdsa-pkcs8", "results/id_ecdsa");
        write("kommandir_workspace/certs/server.pem", CERTIFICATE + Files.readString(keys.resolve("rsa-pkcs8")));
        write("kommandir_workspace/certs/ca.pem", CERTIFICATE);
        write("notes/id_rsa", "not a key: ask the wiki where the deploy key lives\n");
        write("clouds.yml", "clouds:\n  default:\n    auth:\n      username: bob\n      password: hunter2\n");
        write("kommandir_workspace/clouds.yaml", "clouds: {}\n");
        write("home/.aws/credentials", "[default]\naws_secret_access_key = wJalrXUtnFEMI\n");
        write("kommandir_workspace/openstack-openrc.sh", "export OS_PASSWORD=hunter2\n");
        write("home/.ansible/galaxy_token", "token: 0123abcd\n");
        Files.write(workspace.resolve("kommandir_workspace/certs/client.p12"), new byte[] { 0x30, (byte) 0x82, 0, 0x0a, 2, 1, 3 });
        write("inventory/host_vars/kommandir.yml", "ansible_host: 10.0.0.2\nansible_user: root\n");
        write("results/setup.txt", "setup done, nothing secret here\n");
        write("results/kommandir_provisioning.txt", """
                command: bin/create.sh
                outcome: exit code 0
                ----- standard output -----
                ansible_host: 10.0.0.2
                ansible_user: centos
                ansible_password: "hunter2"
                ----- standard error -----
                authenticating as OS_USERNAME=bob with token=gAAAAABk...
                """);
        Files.createDirectories(workspace.resolve("kommandir_workspace/results/peon-1"));
        Files.write(workspace.resolve("kommandir_workspace/results/peon-1/ansible.log"),
                ("TASK [login] ***\r\nok: [peon-1] => {\"username\": \"bob\", \"password\": \"hunter2\"}\r\n"
                        + "curl -H 'Authorization: Bearer eyJhbGciOi.x.y' https://api\r\n").getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.CREATE_NEW);
        write("logs/exekutir.txt", "passwd=hunter2\nstarted\n");
        write("deep/nested/dir/app.log", "- password: |\n    hunter2\n    more\n- name: ok\n");
        Files.write(workspace.resolve("results/latin1.log"),
                "caf\u00e9 password: hunter2\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.setPosixFilePermissions(workspace.resolve("results/latin1.log"), PosixFilePermissions.fromString("rw-r-----"));
        write("results/leaked.txt", "key follows\n" + read("results/id_ecdsa") + "key ended\n");
        Files.write(workspace.resolve("results/screenshot.bin"), "PNG\0\0password: hunter2\n".getBytes(StandardCharsets.ISO_8859_1));
        write(outside.resolve("app.log"), "password: outside-secret\n");
        Files.createDirectories(outside.resolve("keys"));
        Files.copy(keys.resolve("ed25519"), outside.resolve("keys/id_ed25519"));
        write(outside.resolve("clouds.yml"), "clouds: {password: outside}\n");
        Files.createSymbolicLink(workspace.resolve("results/outside.log"), outside.resolve("app.log"));
        Files.createSymbolicLink(workspace.resolve("kommandir_workspace/outside_keys"), outside.resolve("keys"));
        Files.createDirectories(workspace.resolve("kommandir_workspace/job"));
        Files.createSymbolicLink(workspace.resolve("kommandir_workspace/job/clouds.yml"), outside.resolve("clouds.yml"));
        outsideBefore = contents(outside);
    }

    @Test
    void keysAndCredentialFilesGoSecretLinesAreMaskedTheRestIsUntouched() throws Exception {
        TreeMap<String, byte[]> before = contents(workspace);

        PruneReport report = pruner.prune(workspace, Map.of());

        assertEquals("secrets", report.pruner());
        assertEquals(List.of("clouds.yml", "home/.ansible/galaxy_token", "home/.aws/credentials",
                "kommandir_workspace/certs/client.p12", "kommandir_workspace/certs/server.pem",
                "kommandir_workspace/clouds.yaml", "kommandir_workspace/job/clouds.yml", "kommandir_workspace/keys/deploy",
                "kommandir_workspace/openstack-openrc.sh", "kommandir_workspace/ssh/peon_key", "results/id_ecdsa",
                "ssh/exekutir_key"), report.removed());
        assertEquals(List.of("deep/nested/dir/app.log", "kommandir_workspace/results/peon-1/ansible.log",
                "logs/exekutir.txt", "results/kommandir_provisioning.txt", "results/latin1.log", "results/leaked.txt"),
                report.redacted());

        assertEquals("""
                command: bin/create.sh
                outcome: exit code 0
                ----- standard output -----
                ansible_host: 10.0.0.2
                ansible_user: <hidden>
                ansible_password: "<hidden>"
                ----- standard error -----
                authenticating as OS_USERNAME=<hidden> with token=<hidden>
                """, read("results/kommandir_provisioning.txt"));
        assertEquals("TASK [login] ***\r\nok: [peon-1] => {\"username\": \"<hidden>\", \"password\": \"<hidden>\"}\r\n"
                + "curl -H 'Authorization: <hidden>' https://api\r\n", read("kommandir_workspace/results/peon-1/ansible.log"));
        assertEquals("passwd=<hidden>\nstarted\n", read("logs/exekutir.txt"));
        assertEquals("- password: |\n    <hidden>\n    <hidden>\n- name: ok\n", read("deep/nested/dir/app.log"));
        assertArrayEquals("caf\u00e9 password: <hidden>\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1),
                Files.readAllBytes(workspace.resolve("results/latin1.log")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("results/latin1.log"))));
        List<String> leaked = read("results/leaked.txt").lines().toList();
        assertEquals("-----BEGIN PRIVATE KEY-----", leaked.get(1));
        assertEquals("-----END PRIVATE KEY-----", leaked.get(leaked.size() - 2));
        assertTrue(leaked.subList(2, leaked.size() - 2).stream().allMatch("<hidden>"::equals), leaked.toString());

        TreeMap<String, byte[]> after = contents(workspace);
        List<String> changed = new ArrayList<>(report.removed());
        changed.addAll(report.redacted());
        for (Map.Entry<String, byte[]> file : before.entrySet()) {
            if (!changed.contains(file.getKey())) {
                assertArrayEquals(file.getValue(), after.get(file.getKey()), file.getKey() + " is untouched");
            }
        }
        assertEquals(new TreeSet<>(before.keySet().stream().filter(path -> !report.removed().contains(path)).toList()),
                new TreeSet<>(after.keySet()));
        assertTrue(Files.isSymbolicLink(workspace.resolve("results/outside.log")));
        assertTrue(Files.isSymbolicLink(workspace.resolve("kommandir_workspace/outside_keys")));
        assertOutsideUntouched();
    }

    @Test
    void publicKeysCertificatesAndFilesMerelyNamedLikeKeysStay() throws Exception {
        pruner.prune(workspace, Map.of());

        for (String kept : List.of("ssh/exekutir_key.pub", "kommandir_workspace/ssh/peon_key.pub",
                "kommandir_workspace/keys/deploy.pub", "kommandir_workspace/certs/ca.pem", "notes/id_rsa",
                "ssh/known_hosts", "inventory/host_vars/kommandir.yml", "results/screenshot.bin", "results/setup.txt")) {
            assertTrue(Files.isRegularFile(workspace.resolve(kept)), kept);
        }
        assertEquals("ansible_host: 10.0.0.2\nansible_user: root\n", read("inventory/host_vars/kommandir.yml"),
                "only logs and results are redacted");
    }

    @Test
    void noPrivateKeyOrSecretValueRemainsAndTheReportHoldsNone() throws Exception {
        PruneReport report = pruner.prune(workspace, Map.of());

        for (Map.Entry<String, byte[]> file : contents(workspace).entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.ISO_8859_1);
            assertFalse(PrivateKeys.begins(text) && !file.getKey().equals("results/leaked.txt"), file.getKey());
            if (!file.getKey().equals("results/screenshot.bin")) {
                for (String secret : List.of("hunter2", "wJalrXUtnFEMI", "gAAAAABk", "eyJhbGciOi")) {
                    assertFalse(text.contains(secret), file.getKey() + " still holds a secret");
                }
            }
        }
        assertFalse(report.toString().contains("hunter2"));
    }

    @Test
    void pruningAgainFindsNothingMore() throws Exception {
        pruner.prune(workspace, Map.of());
        TreeMap<String, byte[]> once = contents(workspace);

        PruneReport again = pruner.prune(workspace, Map.of());

        assertEquals(List.of(), again.removed());
        assertEquals(List.of(), again.redacted());
        TreeMap<String, byte[]> twice = contents(workspace);
        assertEquals(once.keySet(), twice.keySet());
        once.forEach((path, bytes) -> assertArrayEquals(bytes, twice.get(path), path));
    }

    @Test
    void aFolderOfManyLogsIsRedactedInPlaceWithNoTemporaryFileLeft() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            write("results/peons/peon-" + i + ".txt", "peon " + i + " token: t" + i + "\n");
            expected.add("results/peons/peon-" + i + ".txt");
        }

        PruneReport report = pruner.prune(workspace, Map.of());

        assertTrue(report.redacted().containsAll(expected));
        try (Stream<Path> files = Files.list(workspace.resolve("results/peons"))) {
            List<String> names = files.map(path -> path.getFileName().toString()).toList();
            assertEquals(500, names.size(), "no temporary file is left beside the logs");
        }
        assertEquals("peon 7 token: <hidden>\n", read("results/peons/peon-7.txt"));
    }

    @Test
    void settingsAddCredentialFilesAndMoveTheRedactedPlaces() throws Exception {
        write("kommandir_workspace/.gnupg/private-keys-v1.d/ab.key", "\0binary keyring");
        write("reports/summary.txt", "token: abc123\n");
        write("kommandir_workspace/rhsm.conf", "password = hunter2\n");

        PruneReport report = pruner.prune(workspace, Map.of(
                SecretsPolicy.CREDENTIAL_SETTING, List.of(".gnupg", "rhsm.conf"),
                SecretsPolicy.REDACT_SETTING, List.of("reports/**")));

        assertTrue(report.removed().contains("kommandir_workspace/.gnupg/"), report.removed().toString());
        assertTrue(report.removed().contains("kommandir_workspace/rhsm.conf"), report.removed().toString());
        assertTrue(report.removed().contains("clouds.yml"), "the built-in names still apply");
        assertEquals(List.of("reports/summary.txt"), report.redacted());
        assertEquals("token: <hidden>\n", read("reports/summary.txt"));
        assertTrue(read("logs/exekutir.txt").contains("hunter2"), "logs/ is no longer redacted");
    }

    /** The prune step keeps the job's keys this way while a host whose destruction failed may exist. */
    @Test
    void keptPathsAreLeftAloneAndEverythingElseIsPruned() throws Exception {
        PruneReport report = pruner.prune(workspace, Map.of(SecretsPolicy.KEEP_SETTING,
                List.of("ssh/**", "kommandir_workspace/ssh/**")));
        assertTrue(Files.exists(workspace.resolve("ssh/exekutir_key")));
        assertTrue(Files.exists(workspace.resolve("kommandir_workspace/ssh/peon_key")));
        assertTrue(report.removed().contains("results/id_ecdsa"), report.removed().toString());
        assertTrue(report.removed().contains("clouds.yml"), report.removed().toString());
        assertTrue(report.removed().stream().noneMatch(path -> path.contains("ssh/")), report.removed().toString());
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingChanges() throws Exception {
        TreeMap<String, byte[]> before = contents(workspace);

        assertEquals("prune_credential_files: '../secrets' is not a glob relative to the workspace",
                problem(Map.of(SecretsPolicy.CREDENTIAL_SETTING, List.of("../secrets"))));
        assertEquals("prune_redact_paths must be a list of names or globs relative to the workspace",
                problem(Map.of(SecretsPolicy.REDACT_SETTING, Map.of("a", 1))));
        assertEquals("prune_redact_paths: 3 is not a name or glob (text)",
                problem(Map.of(SecretsPolicy.REDACT_SETTING, List.of(3))));
        assertEquals(before.keySet(), contents(workspace).keySet());
    }

    private String problem(Map<String, Object> settings) {
        return assertThrows(IOException.class, () -> pruner.prune(workspace, settings)).getMessage();
    }

    private void assertOutsideUntouched() throws IOException {
        TreeMap<String, byte[]> now = contents(outside);
        assertEquals(outsideBefore.keySet(), now.keySet());
        outsideBefore.forEach((path, bytes) -> assertArrayEquals(bytes, now.get(path), "outside " + path));
    }

    /** A key pair made by ssh-keygen, as it would be in the workspace: 0600 key, 0644 public key. */
    private void key(String made, String relative) throws IOException {
        Path key = workspace.resolve(relative);
        Files.createDirectories(key.getParent());
        Files.copy(keys.resolve(made), key, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(keys.resolve(made + ".pub"), key.resolveSibling(key.getFileName() + ".pub"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void sshKeygen(Path key, String... options) throws Exception {
        Files.createDirectories(key.getParent());
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-C", "test@exekutir", "-f", key.toString()));
        command.addAll(List.of(options));
        if (!command.contains("-N")) {
            command.addAll(List.of("-N", ""));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "ssh-keygen " + options[1] + ": " + output);
    }

    private String read(String relative) throws IOException {
        return Files.readString(workspace.resolve(relative), StandardCharsets.ISO_8859_1);
    }

    private void write(String relative, String content) throws IOException {
        write(workspace.resolve(relative), content);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }

    /** Every file under {@code root} (links as their targets' paths, not followed) with its bytes. */
    private static TreeMap<String, byte[]> contents(Path root) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.collect(Collectors.toList())) {
                if (Files.isSymbolicLink(path)) {
                    files.put(root.relativize(path).toString(), ("-> " + Files.readSymbolicLink(path)).getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(root.relativize(path).toString(), Files.readAllBytes(path));
                }
            }
        }
        return files;
    }
}
