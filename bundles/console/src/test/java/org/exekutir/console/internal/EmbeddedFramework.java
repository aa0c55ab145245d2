package org.exekutir.console.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.framework.Felix;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** A real Felix framework in a folder of its own, for tests; stopped by {@link #close()}. */
final class EmbeddedFramework implements AutoCloseable {

    private final Felix felix;

    EmbeddedFramework(Path storage) throws Exception {
        felix = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.exekutir.api.step;version=1.0.0",
                "felix.log.level", "0"));
        felix.start();
    }

    BundleContext context() {
        return felix.getBundleContext();
    }

    @Override
    public void close() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    /** The one entry besides the manifest that every test bundle holds: its name and version. */
    static final String CONTENT = "content.txt";

    /** A bundle jar with a manifest of these headers (besides name and version) and {@link #CONTENT}. */
    static Path bundle(Path folder, String symbolicName, String version, String... headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, version);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            main.putValue(headers[i], headers[i + 1]);
        }
        Path jar = folder.resolve(symbolicName + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
            entries.putNextEntry(new java.util.zip.ZipEntry(CONTENT));
            entries.write((symbolicName + " " + version).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return jar;
    }
}
