package org.exekutir.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * The API check of the build (bnd baselining against the release in {@code releases/}, see
 * the parent pom) stops a change that would break third-party bundles. Copies of the API's
 * sources are changed, compiled and made into a bundle with the project's own bnd
 * instructions, then compared with the release by the bnd code the build's plugin runs: a
 * package in error is what fails the build, with the version it needs.
 */
class BaselineCheckTest {

    private static final Path ROOT = Path.of(System.getProperty("exekutir.root", "../..")).toAbsolutePath().normalize();
    private static final String SOURCES = "kernel/api/src/main/java";

    /** VmProvider is a @ConsumerType: removing a method breaks its callers, so the package needs 3.0.0. */
    @Test
    void anIncompatibleChangeWithoutTheMajorBumpIsAnErrorNamingPackageAndVersion(@TempDir Path work)
            throws Exception {
        Map<String, Baseline.Info> report = baseline(work, sources -> edit(sources, "host/VmProvider.java",
                "    /** @return how long ago the host was created, when the provider can tell */\n"
                        + "    Optional<Duration> age(HostRequest request) throws IOException, InterruptedException;\n",
                ""));

        Baseline.Info host = report.get("org.exekutir.api.host");
        assertTrue(host.mismatch, "the changed package is in error");
        assertEquals("3.0.0", host.suggestedVersion.toString(), "the version it needs");
        assertEquals("2.1.0", host.newerVersion.toString(), "the version it declares");
        report.values().stream().filter(info -> info != host)
                .forEach(info -> assertFalse(info.mismatch, info.packageName + " is in error too"));
    }

    /**
     * The value types are final classes made by factories (not records), so a field is added
     * without breaking a bundle that makes or reads one: a new accessor and a factory that takes
     * it, beside the old factory. That needs the minor bump, and passes with it.
     */
    @Test
    void aValueTypeGainsAFieldInAMinorVersion(@TempDir Path work) throws Exception {
        Change grow = sources -> edit(sources, "prune/PruneReport.java", "    public String pruner() {\n",
                "    public static PruneReport of(String pruner, List<String> removed, List<String> redacted,\n"
                        + "            List<String> kept) {\n        return new PruneReport(pruner, removed, redacted);\n    }\n\n"
                        + "    public List<String> kept() {\n        return List.of();\n    }\n\n"
                        + "    public String pruner() {\n");
        Map<String, Baseline.Info> unbumped = baseline(work.resolve("unbumped"), grow);
        Map<String, Baseline.Info> bumped = baseline(work.resolve("bumped"), sources -> {
            grow.apply(sources);
            edit(sources, "prune/package-info.java", "@Version(\"2.0.0\")", "@Version(\"2.1.0\")");
        });

        Baseline.Info prune = unbumped.get("org.exekutir.api.prune");
        assertTrue(prune.mismatch, "an addition without a bump is in error");
        assertEquals("2.1.0", prune.suggestedVersion.toString(), "a minor version, not a major one");
        bumped.values().forEach(info -> assertFalse(info.mismatch, info.packageName + " " + info.reason));
    }

    /** Taking a field away still breaks whoever reads it: the major version. */
    @Test
    void aValueTypeLosingAnAccessorIsMajor(@TempDir Path work) throws Exception {
        Map<String, Baseline.Info> report = baseline(work, sources -> edit(sources, "prune/PruneReport.java",
                "    public List<String> redacted() {\n        return redacted;\n    }\n", ""));

        Baseline.Info prune = report.get("org.exekutir.api.prune");
        assertTrue(prune.mismatch, "the changed package is in error");
        assertEquals("3.0.0", prune.suggestedVersion.toString());
    }

    /** StepContext is a @ProviderType: its callers are not broken by a new method, its one implementer is in the kernel. */
    @Test
    void aCompatibleAdditionNeedsTheMinorBumpAndPassesWithIt(@TempDir Path work) throws Exception {
        String redact = "    String redact(String text);\n";
        String addition = redact + "\n    boolean verbose();\n";
        // the package as released (2.0.0) plus methods: unbumped; with 2.1.0: bumped
        Map<String, Baseline.Info> unbumped = baseline(work.resolve("unbumped"), sources -> edit(sources,
                "step/StepContext.java", redact, addition));
        Map<String, Baseline.Info> bumped = baseline(work.resolve("bumped"), sources -> {
            edit(sources, "step/StepContext.java", redact, addition);
            edit(sources, "step/package-info.java", "@Version(\"2.0.0\")", "@Version(\"2.1.0\")");
        });

        assertTrue(unbumped.get("org.exekutir.api.step").mismatch, "an addition without a bump is in error");
        assertEquals("2.1.0", unbumped.get("org.exekutir.api.step").suggestedVersion.toString());
        bumped.values().forEach(info -> assertFalse(info.mismatch, info.packageName + " " + info.reason));
    }

    /** What the README promises implementers: a contract gains only default methods within a major version. */
    @Test
    void aDefaultMethodAddedToAContractIsMinorAnAbstractOneMajor(@TempDir Path work) throws Exception {
        String end = "    Optional<Duration> age(HostRequest request) throws IOException, InterruptedException;\n";
        Map<String, Baseline.Info> withDefault = baseline(work.resolve("default"), sources -> edit(sources,
                "host/VmProvider.java", end, end + "\n    default String label() {\n        return \"vm\";\n    }\n"));
        Map<String, Baseline.Info> withAbstract = baseline(work.resolve("abstract"), sources -> edit(sources,
                "host/VmProvider.java", end, end + "\n    String label();\n"));

        assertEquals("2.1.0", withDefault.get("org.exekutir.api.host").suggestedVersion.toString());
        assertEquals("3.0.0", withAbstract.get("org.exekutir.api.host").suggestedVersion.toString());
    }

    @FunctionalInterface
    interface Change {
        void apply(Path sources) throws IOException;
    }

    /** The API's sources with a change, built as the project builds them, compared with the release. */
    private static Map<String, Baseline.Info> baseline(Path work, Change change) throws Exception {
        Path sources = work.resolve("src");
        copyTree(ROOT.resolve(SOURCES), sources);
        change.apply(sources.resolve("org/exekutir/api"));
        Path classes = compile(sources, work.resolve("classes"));
        String release = System.getProperty("exekutir.api.baseline", "0.2.0");
        Path released = ROOT.resolve("releases/org/exekutir/exekutir-api/" + release + "/exekutir-api-" + release
                + ".jar");
        assertTrue(Files.isRegularFile(released), "the release to compare with: " + released);
        try (Processor processor = new Processor(); Jar newer = bundle(classes); Jar older = new Jar(released.toFile())) {
            Baseline baseline = new Baseline(processor, new DiffPluginImpl());
            Map<String, Baseline.Info> report = new TreeMap<>();
            for (Baseline.Info info : baseline.baseline(newer, older, null)) {
                report.put(info.packageName, info);
            }
            assertEquals(List.of(), processor.getErrors(), "bnd errors");
            return report;
        }
    }

    /** Compiled as Maven compiles the module: Java 17, against the test's class path (which has its dependencies). */
    private static Path compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> files;
        try (Stream<Path> paths = Files.walk(sources)) {
            files = paths.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new java.util.ArrayList<>(List.of("--release", "17", "-proc:none", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        arguments.addAll(files);
        java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
        int code = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        assertEquals(0, code, "the changed API does not compile:\n" + messages.toString(StandardCharsets.UTF_8));
        return classes;
    }

    /** The bundle bnd makes of the classes with the instructions of bnd.bnd and kernel/api/bnd.bnd. */
    private static Jar bundle(Path classes) throws Exception {
        Jar jar = new Jar(classes.toFile());
        try (Analyzer analyzer = new Analyzer()) {
            analyzer.setProperties(ROOT.resolve("bnd.bnd").toFile());
            analyzer.mergeProperties(ROOT.resolve("kernel/api/bnd.bnd").toFile(), true);
            analyzer.setProperty("Bundle-Version", "0.3.0");
            analyzer.setJar(jar);
            jar.setManifest(analyzer.calcManifest());
            assertEquals(List.of(), analyzer.getErrors(), "bnd errors");
            analyzer.setJar((Jar) null);
        }
        return jar;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void edit(Path api, String source, String text, String replacement) throws IOException {
        Path file = api.resolve(source);
        String before = Files.readString(file, StandardCharsets.UTF_8);
        if (!before.contains(text)) {
            throw new IllegalStateException(file + " no longer holds the text this test changes:\n" + text);
        }
        Files.writeString(file, before.replace(text, replacement), StandardCharsets.UTF_8);
    }

}
