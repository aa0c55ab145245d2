package org.exekutir.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * Why a jar cannot be a bundle, said before the framework is asked: the framework's own
 * answer for a broken file is "Unable to cache bundle", and the deploy folder's is silence.
 */
final class JarCheck {

    private JarCheck() {
    }

    /** @return what is wrong with {@code jar}, or empty when it is a readable jar with a bundle manifest */
    static Optional<String> problem(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return Optional.of("does not exist or is not a file");
        }
        if (!Files.isReadable(jar)) {
            return Optional.of("cannot be read (permissions)");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return Optional.of("has no META-INF/MANIFEST.MF, so it is no OSGi bundle");
            }
            if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return Optional.of("its manifest has no Bundle-SymbolicName, so it is no OSGi bundle");
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("is not a jar (a zip file): " + e.getMessage()
                    + " (cut short while copied, or another kind of file)");
        } catch (IOException | SecurityException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }
}
