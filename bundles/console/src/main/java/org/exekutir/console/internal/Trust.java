package org.exekutir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.BundleContext;

/**
 * Which jars the daemon installs, when the operator asks for signed ones only: off by
 * default; with {@value #PROPERTY} set to a folder of X.509 certificates, every jar a command,
 * a feature or the deploy folder installs must be signed (jarsigner, as OSGi signed bundles are)
 * in every entry by a certificate of that folder, or one whose chain holds it.
 */
final class Trust {

    /** The framework property ({@code conf/daemon.properties}) naming the folder of trusted certificates. */
    static final String PROPERTY = "exekutir.trust.certificates";

    private final Path folder;
    private final List<Certificate> trusted;

    private Trust(Path folder, List<Certificate> trusted) {
        this.folder = folder;
        this.trusted = trusted;
    }

    /** Every jar is accepted: no trust setting. */
    static Trust everyone() {
        return new Trust(null, List.of());
    }

    /** As {@value #PROPERTY} says; a folder that cannot be read trusts nothing (and says so on each refusal). */
    static Trust of(BundleContext context) {
        String setting = context.getProperty(PROPERTY);
        if (setting == null || setting.isBlank()) {
            return everyone();
        }
        String home = context.getProperty("exekutir.home");
        Path folder = Path.of(home == null ? "." : home).resolve(setting.strip());
        return certificates(folder);
    }

    /** The certificates of {@code *.pem}, {@code *.crt}, {@code *.cer} and {@code *.der} files in the folder. */
    static Trust certificates(Path folder) {
        List<Certificate> trusted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{pem,crt,cer,der}")) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    trusted.addAll(factory.generateCertificates(in));
                }
            }
        } catch (IOException | CertificateException e) {
            // nothing trusted: every jar is refused, naming the folder
        }
        return new Trust(folder, List.copyOf(trusted));
    }

    /**
     * Why the jar of these bytes is not accepted, if it is not. Only a check that is on reads
     * them (through a temporary copy, as a jar's signatures are read from a file).
     */
    Optional<String> problem(byte[] jar) throws IOException {
        if (folder == null) {
            return Optional.empty();
        }
        Path copy = Files.createTempFile("exekutir-trust-", ".jar");
        try {
            Files.write(copy, jar);
            return problem(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Why {@code jar} is not accepted, if it is not. */
    Optional<String> problem(Path jar) {
        if (folder == null) {
            return Optional.empty();
        }
        if (trusted.isEmpty()) {
            return Optional.of("is not accepted: " + folder + " (" + PROPERTY + ") holds no readable certificate");
        }
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || signatureFile(entry.getName())) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end is what checks the entry against its signature
                    }
                }
                Optional<String> problem = problem(entry);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        } catch (SecurityException e) {
            return Optional.of("is not accepted: its content does not match its signature (" + e.getMessage() + ")");
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }

    private Optional<String> problem(JarEntry entry) {
        CodeSigner[] signers = entry.getCodeSigners();
        if (signers == null || signers.length == 0) {
            return Optional.of("is not accepted: " + entry.getName() + " is not signed, and " + PROPERTY
                    + " accepts signed jars only");
        }
        List<String> names = new ArrayList<>();
        for (CodeSigner signer : signers) {
            List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
            if (chain.stream().anyMatch(trusted::contains)) {
                return Optional.empty();
            }
            if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate certificate) {
                names.add(certificate.getSubjectX500Principal().getName());
            }
        }
        return Optional.of("is not accepted: it is signed by " + String.join(", ", names) + ", which no certificate in "
                + folder + " is or vouches for");
    }

    /** The manifest and the signature files themselves are not signed entries. */
    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                        || upper.startsWith("META-INF/SIG-"));
    }
}
