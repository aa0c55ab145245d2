package org.exekutir.console.internal;

import static org.exekutir.console.internal.EmbeddedFramework.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;

/**
 * The trust setting, with jars signed by the JDK's own jarsigner with keys its keytool made:
 * one whose certificate the folder holds, one it does not.
 */
class TrustTest {

    @TempDir
    static Path keys;
    static Path trustedFolder;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeKeys() throws Exception {
        for (String alias : List.of("trusted", "stranger")) {
            tool("keytool", "-genkeypair", "-alias", alias, "-keyalg", "EC", "-dname", "CN=" + alias + ", O=exekutir test",
                    "-validity", "2", "-keystore", keys.resolve("keys.p12").toString(), "-storetype", "PKCS12",
                    "-storepass", "changeit", "-keypass", "changeit");
        }
        trustedFolder = Files.createDirectories(keys.resolve("trusted"));
        tool("keytool", "-exportcert", "-rfc", "-alias", "trusted", "-keystore", keys.resolve("keys.p12").toString(),
                "-storepass", "changeit", "-file", trustedFolder.resolve("trusted.pem").toString());
    }

    private static void tool(String name, String... args) throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new ArrayList<>(List.of(java.resolveSibling(name).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " ended");
        assertEquals(0, process.exitValue(), name + ": " + output);
    }

    private Path signed(String name, String alias) throws Exception {
        Path jar = bundle(Files.createDirectories(tmp.resolve(alias)), name, "1.0.0");
        tool("jarsigner", "-keystore", keys.resolve("keys.p12").toString(), "-storepass", "changeit", jar.toString(),
                alias);
        return jar;
    }

    @Test
    void onlyJarsSignedInEveryEntryByATrustedCertificateAreAccepted() throws Exception {
        Trust trust = Trust.certificates(trustedFolder);
        assertEquals(Optional.empty(), trust.problem(signed("test.good", "trusted")));

        Optional<String> unsigned = trust.problem(bundle(tmp, "test.plain", "1.0.0"));
        assertTrue(unsigned.orElseThrow().contains("content.txt is not signed, and exekutir.trust.certificates "
                + "accepts signed jars only"), unsigned.get());

        Optional<String> stranger = trust.problem(signed("test.other", "stranger"));
        assertTrue(stranger.orElseThrow().contains("it is signed by CN=stranger,O=exekutir test, which no certificate in "
                + trustedFolder + " is or vouches for"), stranger.get());

        Path tampered = tamper(signed("test.tampered", "trusted"));
        Optional<String> changed = trust.problem(tampered);
        assertTrue(changed.orElseThrow().contains("its content does not match its signature"), changed.get());

        Optional<String> none = Trust.certificates(Files.createDirectories(tmp.resolve("empty"))).problem(tampered);
        assertTrue(none.orElseThrow().contains("holds no readable certificate"), none.get());
        assertFalse(Trust.everyone().problem(tampered).isPresent(), "off by default: every jar");
    }

    @Test
    void anInstallOfAJarTheSettingDoesNotAcceptIsRefusedAndNothingIsInstalled() throws Exception {
        try (EmbeddedFramework framework = new EmbeddedFramework(tmp.resolve("storage"))) {
            BundleOperations operations = new BundleOperations(framework.context(), null, tmp,
                    Trust.certificates(trustedFolder));
            int before = framework.context().getBundles().length;
            Path stranger = signed("test.other", "stranger");
            String message = assertThrows(BundleException.class, () -> operations.install(stranger.toString()))
                    .getMessage();
            assertTrue(message.startsWith("refused " + stranger + ": it is not accepted: it is signed by CN=stranger"),
                    message);
            assertEquals(before, framework.context().getBundles().length);
            assertTrue(operations.install(signed("test.good", "trusted").toString()).contains("installed test.good"));
        }
    }

    @Test
    void theDeployFolderLeavesAJarTheSettingDoesNotAcceptUninstalledAndSaysWhy() throws Exception {
        DeployCheck check = new DeployCheck(Trust.certificates(trustedFolder));
        Path unsigned = bundle(tmp, "test.plain", "1.0.0");
        assertTrue(check.canHandle(unsigned.toFile()), "claimed, so FileInstall does not install it");
        assertFalse(check.canHandle(signed("test.good", "trusted").toFile()), "left to FileInstall");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            check.install(unsigned.toFile());
        } finally {
            System.setErr(original);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(unsigned + " is not installed: it is not accepted: "
                + "content.txt is not signed"), err.toString(StandardCharsets.UTF_8));
    }

    /** The signed jar with one entry's bytes changed (same name, same size). */
    private Path tamper(Path jar) throws IOException {
        Path changed = tmp.resolve("tampered.jar");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(changed))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals(EmbeddedFramework.CONTENT)) {
                    bytes[0] ^= 1;
                }
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(bytes);
            }
        }
        return changed;
    }
}
