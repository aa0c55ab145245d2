package org.exekutir.itest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.junit.After;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What the hot-swap tests share: versions of the example provider bundle (the reactor's jar
 * with another {@code Bundle-Version}), installing, swapping and removing it, and transitions
 * run on a thread of their own with their greetings observed as they are printed.
 */
public abstract class SwapSupport extends KernelTestSupport {

    /** "hello, world (entry 7, example-provider 1.0.3)", as the example's {@code hello} prints it. */
    private static final Pattern GREETING = Pattern.compile("hello, (.*) \\(entry (\\d+), example-provider (\\S+)\\)");
    private static final long LIMIT_SECONDS = 120;

    /** Every bundle a test installed, uninstalled after it whatever happened. */
    private final List<Bundle> installed = new ArrayList<>();
    private ExecutorService background;

    @Before
    public void startBackground() {
        background = Executors.newCachedThreadPool();
    }

    @After
    public void removeWhatTheTestInstalled() throws Exception {
        background.shutdownNow();
        background.awaitTermination(30, TimeUnit.SECONDS);
        List<Bundle> left = new ArrayList<>();
        for (Bundle bundle : installed) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
                left.add(bundle);
            }
        }
        refresh(left);
    }

    /** The example provider's jar as this build made it, carrying {@code version} instead. */
    protected Path exampleJar(String version) throws IOException {
        Path built = Path.of(System.getProperty("exekutir.itest.example", "missing"));
        if (!Files.isRegularFile(built)) {
            throw new IOException("no example provider at exekutir.itest.example=" + built + "; run with Maven");
        }
        Path jar = temporary.getRoot().toPath().resolve("example-provider-" + version + ".jar");
        if (!Files.exists(jar)) {
            VersionedJars.restamp(built, version, jar);
        }
        return jar;
    }

    /** Installs and starts the example provider at {@code version}; returns once its 'hello' is registered. */
    protected Bundle installProvider(String version) throws Exception {
        Bundle bundle;
        try (InputStream in = Files.newInputStream(exampleJar(version))) {
            bundle = context.installBundle("itest:example-provider-" + UUID.randomUUID(), in);
        }
        installed.add(bundle);
        bundle.start();
        awaitHello(bundle);
        return bundle;
    }

    /** Waits (by service events) until the 'hello' of this bundle is registered. */
    protected void awaitHello(Bundle bundle) throws InterruptedException {
        ServiceReference<StepType> hello = awaitService(StepType.class,
                "(&(exekutir.name=hello)(service.bundleid=" + bundle.getBundleId() + "))");
        if (hello == null) {
            throw new AssertionError("the example provider " + bundle.getVersion() + " registered no 'hello'");
        }
    }

    /** A swap as an operator does it: update the bundle in place, then refresh just that bundle. */
    protected void swap(Bundle bundle, String version) throws Exception {
        try (InputStream in = Files.newInputStream(exampleJar(version))) {
            bundle.update(in);
        }
        refresh(List.of(bundle));
    }

    /** Refreshes exactly these bundles (and what the framework finds wired to them); returns when done. */
    protected void refresh(List<Bundle> bundles) throws InterruptedException, BundleException {
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        List<FrameworkEvent> events = new CopyOnWriteArrayList<>();
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(bundles,
                event -> {
                    events.add(event);
                    done.countDown();
                });
        if (!done.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the refresh of " + bundles + " did not end");
        }
        if (events.get(0).getType() != FrameworkEvent.PACKAGES_REFRESHED) {
            throw new BundleException("the refresh failed: " + events.get(0).getThrowable());
        }
    }

    /** A transition on a thread of its own, its standard error watched as it is written. */
    protected Running start(Path workspace, Path file) throws InterruptedException {
        ServiceReference<TransitionService> reference = awaitService(TransitionService.class, "");
        if (reference == null) {
            throw new AssertionError("no TransitionService is registered");
        }
        TransitionService engine = context.getService(reference);
        Lines err = new Lines();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("TERM", "dumb");
        Future<Integer> code = background.submit(() -> {
            try (PrintStream outStream = new PrintStream(out, true, UTF_8);
                    PrintStream errStream = new PrintStream(err, true, UTF_8)) {
                return engine.run(new TransitionRequest("setup", workspace, file.toString(), "", workspace, workspace,
                        environment, InputStream.nullInputStream(), outStream, errStream, false));
            } finally {
                context.ungetService(reference);
            }
        });
        return new Running(code, err, out);
    }

    /** A transition running in the background. */
    protected record Running(Future<Integer> code, Lines err, ByteArrayOutputStream out) {

        /** Waits for its end. */
        Run finish() throws Exception {
            int exit = code.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            return new Run(exit, out.toString(UTF_8), err.text());
        }
    }

    /** One greeting of the example's 'hello'. */
    protected record Greeting(String who, int entry, String version) {
        int micro() {
            return org.osgi.framework.Version.parseVersion(version).getMicro();
        }
    }

    /** Standard error of a transition, split into lines as they arrive; greetings picked out. */
    protected static final class Lines extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<Greeting> greetings = new CopyOnWriteArrayList<>();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b == '\n') {
                String text = line.toString(UTF_8);
                line.reset();
                lines.add(text);
                Matcher matcher = GREETING.matcher(text);
                if (matcher.matches()) {
                    greetings.add(new Greeting(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3)));
                }
            } else {
                line.write(b);
            }
        }

        synchronized String text() {
            return all.toString(UTF_8);
        }

        /** The greetings printed so far, in order. */
        List<Greeting> greetings() {
            return greetings;
        }

        /** Waits (briefly polling: the transition's own thread writes) until a line contains {@code text}. */
        void await(String text) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            while (lines.stream().noneMatch(l -> l.contains(text))) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("no line with '" + text + "' in:\n" + text());
                }
                Thread.sleep(5);
            }
        }

        /** Waits until at least {@code count} greetings were printed. */
        void awaitGreetings(int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            while (greetings.size() < count) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("fewer than " + count + " greetings in:\n" + text());
                }
                Thread.sleep(1);
            }
        }
    }
}
