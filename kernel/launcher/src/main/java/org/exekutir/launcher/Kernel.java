package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.felix.framework.Felix;
import org.exekutir.launch.TransitionService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Apache Felix framework with the runtime's bundles ({@code bundle/*.jar})
 * installed in place (no copies) and started. Its storage is a private temporary folder,
 * so one-shot runs never share framework state; a one-shot run starts from the user's
 * {@link SavedFrameworkState} of the same bundle set, when there is one, instead of
 * installing every bundle again.
 */
final class Kernel implements AutoCloseable {

    /**
     * How long the engine may take to appear once the bundles started. SCR registers it while
     * the engine bundle starts, so this only bounds the wait when something is wrong.
     */
    private static final long ENGINE_WAIT_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private final Felix framework;
    private final Path storage;
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new HashMap<>();

    private Kernel(Felix framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * What a long-lived kernel adds to the one-shot one.
     *
     * @param bundleFolders folders whose {@code *.jar} are installed and started, in order
     * @param configuration framework properties besides the kernel's own; the operator's
     *                      {@code conf/exekutir.properties} still wins over them
     * @param storage       the framework's storage (emptied at start, removed at close);
     *                      {@code null} for a private temporary folder
     */
    record Options(List<Path> bundleFolders, Map<String, String> configuration, Path storage) {
    }

    static Kernel start(Path home, Properties buildInfo) throws KernelException {
        return start(home, buildInfo, new Options(List.of(home.resolve("bundle")), Map.of(), null));
    }

    static Kernel start(Path home, Properties buildInfo, Options options) throws KernelException {
        boolean oneShot = options.storage() == null;
        Path storage = oneShot ? createStorage() : options.storage();
        Map<String, Object> configuration = configuration(home, storage, buildInfo);
        options.configuration().forEach(configuration::putIfAbsent);
        List<Path> jars = KernelBundles.jars(options.bundleFolders());
        // Only a one-shot run starts from a saved state: a daemon starts once, and its
        // storage is its own.
        Optional<SavedFrameworkState> saved = oneShot ? SavedFrameworkState.forRun(jars, configuration)
                : Optional.empty();
        boolean restored = saved.map(state -> state.restoreInto(storage)).orElse(false);
        if (restored) {
            configuration.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        }
        Felix framework = new Felix(configuration);
        Kernel kernel = new Kernel(framework, storage);
        try {
            long begin = System.nanoTime();
            framework.init();
            Optional<List<Bundle>> asSaved = restored ? KernelBundles.installedAsSaved(framework, jars)
                    : Optional.empty();
            List<Bundle> bundles = asSaved.isPresent() ? asSaved.get() : KernelBundles.install(framework, jars);
            framework.start();
            boolean allStarted = KernelBundles.startAll(bundles);
            LOG.debug("kernel started {} bundles ({}) in {} ms", bundles.size(),
                    asSaved.isPresent() ? "saved state" : "installed", (System.nanoTime() - begin) / 1_000_000);
            if (asSaved.isEmpty() && allStarted) {
                saved.ifPresent(state -> state.saveFrom(storage));
            }
            return kernel;
        } catch (BundleException | RuntimeException e) {
            kernel.close();
            throw new KernelException("cannot start the kernel: " + e.getMessage(), e);
        }
    }

    /**
     * The engine registered now, or the first within a short wait. Asked for each run, so that
     * a long-lived kernel always gets the engine that serves now (an updated engine bundle).
     */
    TransitionService transitionService() throws KernelException {
        try {
            TransitionService service = tracker(TransitionService.class).waitForService(ENGINE_WAIT_MILLIS);
            if (service == null) {
                throw new KernelException("the transition engine did not start; is the engine bundle in "
                        + "bundle/? Run with --verbose to see why");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("interrupted while waiting for the transition engine");
        }
    }

    /** The best service of a contract registered now, if any. */
    <T> Optional<T> service(Class<T> contract) {
        return Optional.ofNullable(tracker(contract).getService());
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> ServiceTracker<T, T> tracker(Class<T> contract) {
        return (ServiceTracker<T, T>) trackers.computeIfAbsent(contract, type -> {
            ServiceTracker<T, T> tracker = new ServiceTracker<>(framework.getBundleContext(), contract, null);
            tracker.open();
            return tracker;
        });
    }

    /** The framework's bundles now. */
    List<Bundle> bundles() {
        return List.of(framework.getBundleContext().getBundles());
    }

    /** A framework property (the operator's conf/ included). */
    String property(String key) {
        return framework.getBundleContext().getProperty(key);
    }

    /** Waits until the framework stops (asked to by {@link #requestStop()} or from inside). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Asks the framework to stop, without waiting: bundles stop in reverse order of start. */
    void requestStop() {
        try {
            framework.stop();
        } catch (BundleException e) {
            LOG.warn("framework did not stop: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(10_000);
            LOG.debug("framework stopped: {}", event.getType());
        } catch (BundleException | InterruptedException e) {
            LOG.warn("framework did not stop cleanly: {}", e.toString());
        } finally {
            deleteTree(storage);
        }
    }

    /** Felix SCR: a delayed component is kept when its last user lets it go. */
    static final String KEEP_INSTANCES = "ds.delayed.keepInstances";

    /** How long an interrupted child gets after SIGTERM (org.exekutir.processes.ChildProcesses.GRACE_PROPERTY). */
    private static final String STOP_GRACE = "exekutir.stop.grace";

    private static Map<String, Object> configuration(Path home, Path storage, Properties buildInfo)
            throws KernelException {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, buildInfo.getProperty("system.packages.extra"));
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.shutdown.hook", "false");
        config.put("felix.log.logger", new FelixLog());
        config.put("felix.log.level", LOG.isDebugEnabled() ? "4" : "2");
        config.put("exekutir.home", home.toString());
        // Step types, providers and transports are delayed components, and SCR would dispose
        // of each after every entry that used it and build it again for the next. None holds
        // per-use state, so they live as long as their bundle (an update still replaces them).
        config.put(KEEP_INSTANCES, "true");
        config.putAll(userConfiguration(home.resolve("conf").resolve("exekutir.properties")));
        // Read by ChildProcesses, a static helper (copied into bundles) without a bundle context.
        Object grace = config.get(STOP_GRACE);
        if (grace != null && System.getProperty(STOP_GRACE) == null) {
            System.setProperty(STOP_GRACE, grace.toString());
        }
        return config;
    }

    /** {@code conf/exekutir.properties}: framework and bundle properties an operator sets. */
    private static Map<String, String> userConfiguration(Path file) throws KernelException {
        Map<String, String> config = new HashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new KernelException("cannot read " + file + ": " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
        }
        return config;
    }

    /** A private folder, removed at exit even when a signal ends the process before {@link #close()}. */
    private static Path createStorage() throws KernelException {
        try {
            Path parent = Path.of(System.getProperty("java.io.tmpdir"));
            Path storage = TemporaryStorage.create(parent);
            Thread sweeper = TemporaryStorage.sweepInBackground(parent, storage);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                deleteTree(storage);
                joinBriefly(sweeper);
            }, "exekutir-storage-cleanup"));
            return storage;
        } catch (IOException e) {
            throw new KernelException("cannot create the framework's storage folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        TemporaryStorage.deleteTree(root);
    }

    /** A sweep of what killed runs left is let finish, within a second, when the process ends. */
    private static void joinBriefly(Thread sweeper) {
        try {
            sweeper.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
