package org.exekutir.itest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Swap latency through the API, under load (a benchmark, not a test: run by
 * {@code kernel/itest/src/bench/swap-benchmark.sh}). Felix with the runtime's bundle set
 * and the example provider, booted as the launcher boots it; transitions of short
 * {@code hello} steps run back to back on LOADS threads while the provider is updated
 * ({@code Bundle.update} + refresh of that bundle) again and again. For each swap: the time
 * from {@code update()} being called to the first step that greets with the new version.
 *
 * <pre>SwapBenchmark BUNDLE_FOLDER EXAMPLE_JAR LOADS SWAPS RESULTS_FILE</pre>
 */
public final class SwapBenchmark {

    private static final Pattern GREETING = Pattern.compile("hello, .* \\(entry \\d+, example-provider (\\S+)\\)");
    private static final int STEPS_PER_TRANSITION = 2000;

    /** When each version first served a step, in System.nanoTime. */
    private final Map<String, Long> firstServed = new ConcurrentHashMap<>();
    private final AtomicLong steps = new AtomicLong();
    private final AtomicInteger problems = new AtomicInteger();
    private final AtomicInteger failedTransitions = new AtomicInteger();
    private final AtomicInteger transitions = new AtomicInteger();
    private final AtomicInteger frameworkErrors = new AtomicInteger();
    private volatile boolean loading = true;
    private final int loads;

    private SwapBenchmark(int loads) {
        this.loads = loads;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: SwapBenchmark BUNDLE_FOLDER EXAMPLE_JAR LOADS SWAPS RESULTS_FILE");
            System.exit(2);
        }
        new SwapBenchmark(Integer.parseInt(args[2])).run(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[3]),
                Path.of(args[4]));
    }

    private void run(Path bundles, Path example, int swaps, Path results) throws Exception {
        Path work = Files.createTempDirectory("exekutir-swap-bench-");
        Felix felix = new Felix(configuration(work.resolve("storage")));
        try {
            felix.init();
            List<Bundle> installed = new ArrayList<>();
            try (Stream<Path> jars = Files.list(bundles)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                    installed.add(felix.getBundleContext().installBundle("reference:" + jar.toUri()));
                }
            }
            felix.start();
            felix.getBundleContext().addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.ERROR) {
                    frameworkErrors.incrementAndGet();
                }
            });
            for (Bundle bundle : installed) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
            BundleContext context = felix.getBundleContext();
            Bundle provider;
            try (InputStream in = Files.newInputStream(version(example, "1.0.0", work))) {
                provider = context.installBundle("bench:example-provider", in);
            }
            provider.start();
            TransitionService engine = engine(context);
            Path file = Files.writeString(work.resolve("load.xn"),
                    "- hello: {who: load}\n".repeat(STEPS_PER_TRANSITION));
            List<Thread> streams = new ArrayList<>();
            for (int i = 0; i < loads; i++) {
                Path workspace = Files.createDirectories(work.resolve("workspace-" + i));
                Thread load = new Thread(() -> load(engine, workspace, file), "load-" + i);
                load.start();
                streams.add(load);
            }
            awaitVersion("1.0.0", System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            List<Double> latencies = new ArrayList<>();
            List<Double> updates = new ArrayList<>();
            List<Double> refreshes = new ArrayList<>();
            long stepsBefore = steps.get();
            for (int n = 1; n <= swaps; n++) {
                Thread.sleep(20); // some steps on each version
                String version = "1.0." + n;
                Path jar = version(example, version, work);
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(jar)) {
                    provider.update(in);
                }
                long updated = System.nanoTime();
                refresh(context, provider);
                long refreshed = System.nanoTime();
                long served = awaitVersion(version, start + TimeUnit.SECONDS.toNanos(30));
                latencies.add(millis(served - start));
                updates.add(millis(updated - start));
                refreshes.add(millis(refreshed - updated));
            }
            long stepsDuring = steps.get() - stepsBefore;
            loading = false;
            for (Thread load : streams) {
                load.join();
            }
            Properties figures = new Properties();
            figures.setProperty("swaps", Integer.toString(swaps));
            figures.setProperty("latency.median", format(percentile(latencies, 50)));
            figures.setProperty("latency.p95", format(percentile(latencies, 95)));
            figures.setProperty("latency.max", format(percentile(latencies, 100)));
            figures.setProperty("update.median", format(percentile(updates, 50)));
            figures.setProperty("refresh.median", format(percentile(refreshes, 50)));
            figures.setProperty("steps.during.swaps", Long.toString(stepsDuring));
            figures.setProperty("steps.total", Long.toString(steps.get()));
            figures.setProperty("transitions", Integer.toString(transitions.get()));
            figures.setProperty("transitions.failed", Integer.toString(failedTransitions.get()));
            figures.setProperty("steps.failed", Integer.toString(problems.get()));
            figures.setProperty("loads", Integer.toString(loads));
            figures.setProperty("framework.errors", Integer.toString(frameworkErrors.get()));
            try (OutputStream out = Files.newOutputStream(results)) {
                figures.store(out, "swap benchmark");
            }
            figures.forEach((key, value) -> System.out.println(key + " = " + value));
        } finally {
            loading = false;
            felix.stop();
            felix.waitForStop(10_000);
            deleteTree(work);
        }
    }

    /** Transitions back to back until the swaps are done; greetings and problems counted as printed. */
    private void load(TransitionService engine, Path workspace, Path file) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("TERM", "dumb");
        while (loading) {
            Watch err = new Watch();
            try (PrintStream errStream = new PrintStream(err, true, UTF_8);
                    PrintStream outStream = new PrintStream(OutputStream.nullOutputStream())) {
                int code = engine.run(new TransitionRequest("setup", workspace, file.toString(), "", workspace,
                        workspace, environment, InputStream.nullInputStream(), outStream, errStream, false));
                transitions.incrementAndGet();
                if (code != 0) {
                    failedTransitions.incrementAndGet();
                    System.err.println(err.text());
                }
            }
        }
    }

    private long awaitVersion(String version, long deadline) throws InterruptedException {
        synchronized (firstServed) {
            while (!firstServed.containsKey(version)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("version " + version + " never served a step");
                }
                TimeUnit.NANOSECONDS.timedWait(firstServed, left);
            }
            return firstServed.get(version);
        }
    }

    /** A transition's standard error: each greeting noted when its line ends. */
    private final class Watch extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final StringBuilder all = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            long now = System.nanoTime();
            String text = line.toString(UTF_8);
            line.reset();
            if (all.length() < 100_000) {
                all.append(text).append('\n');
            }
            Matcher greeting = GREETING.matcher(text);
            if (greeting.matches()) {
                steps.incrementAndGet();
                if (firstServed.putIfAbsent(greeting.group(1), now) == null) {
                    synchronized (firstServed) {
                        firstServed.notifyAll();
                    }
                }
            } else if (text.startsWith("exekutir: ")) {
                problems.incrementAndGet();
            }
        }

        synchronized String text() {
            return all.toString();
        }
    }

    private static Map<String, Object> configuration(Path storage) throws Exception {
        Properties launcher = new Properties();
        try (InputStream in = TransitionService.class.getResourceAsStream("/org/exekutir/launcher/launcher.properties")) {
            launcher.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, launcher.getProperty("system.packages.extra"));
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "0"); // framework errors are counted instead (see frameworkErrors)
        return config;
    }

    private static TransitionService engine(BundleContext context) throws InterruptedException {
        ServiceTracker<TransitionService, TransitionService> tracker = new ServiceTracker<>(context,
                TransitionService.class, null);
        tracker.open();
        TransitionService engine = tracker.waitForService(10_000);
        if (engine == null) {
            throw new IllegalStateException("the engine did not start");
        }
        return engine;
    }

    private static void refresh(BundleContext context, Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() != FrameworkEvent.PACKAGES_REFRESHED) {
                System.err.println("refresh: " + event.getThrowable());
            }
            done.countDown();
        });
        done.await(30, TimeUnit.SECONDS);
    }

    private static Path version(Path example, String version, Path work) throws Exception {
        Path jar = work.resolve("example-" + version + ".jar");
        if (!Files.exists(jar)) {
            VersionedJars.restamp(example, version, jar);
        }
        return jar;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String format(double millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
