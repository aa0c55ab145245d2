package org.exekutir.dist;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.exekutir.api.step.StepType;
import org.exekutir.dist.maven.lib1.Greeting;
import org.exekutir.dist.maven.lib2.Words;
import org.exekutir.dist.maven.provider.GreetStep;
import org.exekutir.dist.probe.ProbeStep;
import org.exekutir.dist.probe.failing.FailingProbeStep;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;

/** Bundles the daemon tests deploy, made at test time. */
final class ProbeBundles {

    static final String PROBE = "org.exekutir.dist.probe";

    private ProbeBundles() {
    }

    /** The step type {@code probe} ({@link ProbeStep}) as a bundle of the given version, built by bnd. */
    static Path probe(Path folder, String version) throws Exception {
        return probe(folder, version, null, false);
    }

    /** The probe that also imports a package nobody exports: it does not resolve. */
    static Path unresolvableProbe(Path folder, String version, String missingPackage) throws Exception {
        return probe(folder, version, missingPackage, false);
    }

    /** The probe with a second component, {@link FailingProbeStep}, that fails to activate. */
    static Path failingProbe(Path folder, String version) throws Exception {
        return probe(folder, version, null, true);
    }

    private static Path probe(Path folder, String version, String missingPackage, boolean failing) throws Exception {
        Map<String, String> instructions = new LinkedHashMap<>();
        if (missingPackage != null) {
            instructions.put(Constants.IMPORT_PACKAGE, missingPackage + ",*");
        }
        instructions.put(Constants.PRIVATEPACKAGE, ProbeStep.class.getPackageName()
                + (failing ? "," + FailingProbeStep.class.getPackageName() : ""));
        return build(folder.resolve(PROBE + "-" + version + ".jar"), PROBE, version, instructions);
    }

    /** The provider of the by-coordinates tests: the step type {@code greet}, which needs {@link #greetingLibrary}. */
    static Path greetProvider(Path folder) throws Exception {
        return build(folder.resolve("greet-provider.jar"), "org.exekutir.dist.greet", "1.0.0",
                Map.of(Constants.PRIVATEPACKAGE, GreetStep.class.getPackageName()));
    }

    /** The library the provider imports a package of; it needs {@link #wordsLibrary}. */
    static Path greetingLibrary(Path folder) throws Exception {
        return build(folder.resolve("greeting.jar"), "org.exekutir.dist.greeting", "1.0.0",
                Map.of(Constants.EXPORT_PACKAGE, Greeting.class.getPackageName() + ";version=1.0.0"));
    }

    /** The second library. */
    static Path wordsLibrary(Path folder) throws Exception {
        return build(folder.resolve("words.jar"), "org.exekutir.dist.words", "2.1.0",
                Map.of(Constants.EXPORT_PACKAGE, Words.class.getPackageName() + ";version=2.1.0"));
    }

    /** A bundle of the test classes, made by bnd with these instructions; components from DS annotations. */
    private static Path build(Path file, String symbolicName, String version, Map<String, String> instructions)
            throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
            builder.setProperty(Constants.BUNDLE_VERSION, version);
            instructions.forEach(builder::setProperty);
            builder.setProperty(Constants.DSANNOTATIONS, "*");
            builder.addClasspath(location(ProbeStep.class));
            // the API's and OSGi's jars give the imports their version ranges
            builder.addClasspath(location(StepType.class));
            builder.addClasspath(location(FrameworkUtil.class));
            builder.addClasspath(location(Component.class));
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd: " + builder.getErrors());
            }
            jar.write(file.toFile());
        }
        // bnd dates the file as its newest entry, so both versions would carry one time and
        // one size, and FileInstall (which compares name, time and size) would see no change.
        // A file copied or built now is dated now.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        return file;
    }

    /** A bundle that imports a package nobody exports. */
    static Path unresolvable(Path folder, String symbolicName, String missingPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.IMPORT_PACKAGE, missingPackage + ";version=\"[1.0,2)\"");
        Path file = folder.resolve(symbolicName + ".jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest says it all
        }
        return file;
    }

    private static File location(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
