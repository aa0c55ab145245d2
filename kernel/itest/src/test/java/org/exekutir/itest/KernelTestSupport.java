package org.exekutir.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The framework every test runs in: Felix with the runtime's bundle set, booted as the
 * launcher boots it. One framework serves the whole suite.
 *
 * <p>{@link #configuration()} runs in the test JVM, outside the framework; the test
 * methods run inside it, in Pax Exam's probe bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public abstract class KernelTestSupport {

    /**
     * The engine's wait for a missing service in these tests ({@code exekutir.service.wait}):
     * shorter than the runtime's default so that the test of a wait that runs out is quick,
     * long enough for a reinstall on a loaded machine.
     */
    protected static final String SERVICE_WAIT = "3s";

    /** How long a test waits for a service to appear (it appears at once when all is well). */
    private static final long SERVICE_WAIT_MILLIS = 10_000;

    @Inject
    protected BundleContext context;

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Configuration
    public Option[] configuration() throws IOException {
        return options(systemPackages(systemPackagesExtra()), junitBundles(), runtimeBundles(),
                frameworkProperty("exekutir.service.wait").value(SERVICE_WAIT),
                frameworkProperty("ds.delayed.keepInstances").value("true")); // as the launcher
    }

    /**
     * What the system bundle exports besides the JRE and the OSGi framework.
     *
     * <p>First exactly the launcher's list ({@code system.packages.extra} of the launcher's own
     * {@code launcher.properties}): {@code org.exekutir.launch} and SLF4J 2, from the launcher
     * jar and slf4j-api on this JVM's class path.
     *
     * <p>Then {@code org.slf4j} and {@code org.slf4j.helpers} once more at 1.7.36, the very
     * same classes, for Pax Exam's own bundles: they import {@code org.slf4j;version="[1.4,2)"}
     * or {@code "[1.7,2)"} and would not resolve against 2.0 alone. slf4j-api 2 declares this
     * compatibility itself: its own manifest exports those two packages at 1.7.36 as well.
     * By default Exam installs pax-logging-api for them instead, which works too but puts a
     * second, different SLF4J API (pax-logging's 1.7, with its own fallback logger) into the
     * framework beside the launcher's; {@code exam.properties} turns that off
     * ({@code pax.exam.logging=none}). So the framework under test holds one SLF4J, the
     * launcher's, as in production, and Exam logs through the launcher's slf4j-simple. Our
     * bundles import {@code [2.0,3)}, so they can only wire to the 2.0 exports; {@code BootIT}
     * checks that.
     *
     * <p>These are {@code systemPackages} options rather than a {@code frameworkProperty} for
     * {@code org.osgi.framework.system.packages.extra}: Exam builds that property from these
     * options plus its own ({@code org.ops4j.pax.exam}, {@code .options}, {@code .util}), and a
     * framework property would replace the whole value, so Exam's classes would no longer be
     * shared between this JVM and the framework (Exam then gives up waiting for its own
     * ProbeInvoker service and no test runs).
     */
    private static String[] systemPackagesExtra() throws IOException {
        List<String> packages = new ArrayList<>();
        for (String exported : launcherBuildInfo().getProperty("system.packages.extra").split(",")) {
            packages.add(exported.strip()); // as the launcher
        }
        // for Pax Exam's bundles only, as slf4j-api 2 exports them itself
        packages.add("org.slf4j;version=1.7.36");
        packages.add("org.slf4j.helpers;version=1.7.36");
        return packages.toArray(String[]::new);
    }

    private static Properties launcherBuildInfo() throws IOException {
        Properties info = new Properties();
        try (InputStream in = TransitionService.class.getResourceAsStream("/org/exekutir/launcher/launcher.properties")) {
            if (in == null) {
                throw new IOException("the launcher jar (launcher.properties) is not on the test class path");
            }
            info.load(in);
        }
        return info;
    }

    /**
     * Every jar of the runtime's bundle set, as Maven copied it from this build (see the pom),
     * installed and started in name order, as the launcher does with its {@code bundle/}.
     */
    private static Option runtimeBundles() throws IOException {
        String folder = System.getProperty("exekutir.itest.bundles");
        if (folder == null || !Files.isDirectory(Path.of(folder))) {
            throw new IOException("no runtime bundles at exekutir.itest.bundles=" + folder
                    + "; run the tests with Maven: mvn verify (pre-integration-test copies them)");
        }
        List<Option> bundles = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(folder))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted()
                    .forEach(jar -> bundles.add(bundle(jar.toUri().toString())));
        }
        if (bundles.isEmpty()) {
            throw new IOException("no jars in " + folder);
        }
        return composite(bundles.toArray(Option[]::new));
    }

    /**
     * The service, waiting (by service events, up to {@value #SERVICE_WAIT_MILLIS} ms) for it
     * to be registered.
     *
     * @return its reference, or {@code null} when none appeared
     */
    protected <T> ServiceReference<T> awaitService(Class<T> type, String filter) throws InterruptedException {
        Filter combined;
        try {
            combined = FrameworkUtil.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, combined, null);
        tracker.open();
        try {
            return tracker.waitForService(SERVICE_WAIT_MILLIS) == null ? null : tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** A new, empty workspace, absolute and normalised as the launcher passes it. */
    protected Path workspace() throws IOException {
        return temporary.newFolder("workspace").toPath().toRealPath();
    }

    /**
     * An {@code inventory} of this host (local connection) and a playbook that writes
     * {@code marker} into the workspace holding {@code content}, both in the workspace.
     */
    protected static void writeLocalPlaybook(Path workspace, String playbook, String marker, String content)
            throws IOException {
        write(workspace.resolve("inventory"), "localhost ansible_connection=local ansible_python_interpreter=auto_silent\n");
        write(workspace.resolve(playbook), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - ansible.builtin.copy: {dest: "{{ workspace }}/%s", content: "%s\\n"}
                """.formatted(marker, content));
    }

    protected static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, UTF_8);
    }

    protected static String read(Path file) throws IOException {
        return Files.readString(file, UTF_8);
    }

    /** What one transition returned and printed. */
    protected record Run(int code, String out, String err) {
        /** For failure messages: everything the transition said. */
        @Override
        public String toString() {
            return "exit code " + code + "\n--- out:\n" + out + "--- err:\n" + err + "---";
        }
    }

    /**
     * Runs a transition file as the launcher does, but with the output captured: the
     * workspace is also the working directory and {@code ADEPT_PATH}.
     */
    protected Run transition(String contextWord, Path workspace, Path file) throws InterruptedException {
        ServiceReference<TransitionService> reference = awaitService(TransitionService.class, "");
        if (reference == null) {
            throw new AssertionError("no TransitionService is registered: did the engine bundle start?");
        }
        TransitionService engine = context.getService(reference);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("TERM", "dumb"); // headers without colours
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, UTF_8);
                PrintStream errStream = new PrintStream(err, true, UTF_8)) {
            int code = engine.run(new TransitionRequest(contextWord, workspace, file.toString(), "", workspace,
                    workspace, environment, InputStream.nullInputStream(), outStream, errStream, false));
            return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            context.ungetService(reference);
        }
    }
}
