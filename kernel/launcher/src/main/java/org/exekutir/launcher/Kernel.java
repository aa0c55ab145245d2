package org.exekutir.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

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
        List<Path> jars = jars(options.bundleFolders());
        // Only a one-shot run starts from a saved state: a daemon starts once, and its
        // storage is its own.
        Optional<SavedFrameworkState> saved = oneShot ? savedState(jars, configuration) : Optional.empty();
        boolean restored = saved.map(state -> state.restoreInto(storage)).orElse(false);
        if (restored) {
            configuration.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        }
        Felix framework = new Felix(configuration);
        Kernel kernel = new Kernel(framework, storage);
        try {
            long begin = System.nanoTime();
            framework.init();
            Optional<List<Bundle>> asSaved = restored ? installedAsSaved(framework, jars) : Optional.empty();
            List<Bundle> bundles = asSaved.isPresent() ? asSaved.get() : install(framework, jars);
            framework.start();
            boolean allStarted = startAll(bundles);
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

    /** The bundle jars of the folders, each folder's in name order. */
    private static List<Path> jars(List<Path> folders) throws KernelException {
        List<Path> all = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
                stream.forEach(jars::add);
            } catch (IOException e) {
                throw new KernelException("cannot read the bundle folder " + folder + ": " + e.getMessage(), e);
            }
            jars.sort(Comparator.naturalOrder());
            all.addAll(jars);
        }
        return all;
    }

    /** The user's saved state for these jars and this configuration, when the key can be made. */
    private static Optional<SavedFrameworkState> savedState(List<Path> jars, Map<String, Object> configuration) {
        Map<String, String> settings = new HashMap<>();
        configuration.forEach((key, value) -> {
            if (value instanceof String text && !UNSAVED_SETTINGS.contains(key)) {
                settings.put(key, text);
            }
        });
        List<Path> classPath = Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).map(Path::of).toList();
        try {
            return Optional.of(SavedFrameworkState.of(SavedFrameworkState.userCache(), classPath, jars, settings));
        } catch (IOException e) {
            LOG.debug("no saved framework state: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Settings that differ between runs of one bundle set without changing what is installed. */
    private static final Set<String> UNSAVED_SETTINGS = Set.of(Constants.FRAMEWORK_STORAGE,
            Constants.FRAMEWORK_STORAGE_CLEAN, "felix.log.level");

    /**
     * The bundles of a restored storage, in install order, when they are exactly the jars
     * (as they must be, by the state's key); otherwise empty, with every bundle uninstalled,
     * and the caller installs them as on a first run.
     */
    private static Optional<List<Bundle>> installedAsSaved(Felix framework, List<Path> jars)
            throws BundleException {
        List<Bundle> installed = Stream.of(framework.getBundleContext().getBundles())
                .filter(bundle -> bundle.getBundleId() != 0).sorted(Comparator.comparingLong(Bundle::getBundleId))
                .toList();
        List<String> expected = jars.stream().map(Kernel::location).toList();
        if (installed.stream().map(Bundle::getLocation).toList().equals(expected)) {
            return Optional.of(installed);
        }
        LOG.debug("the saved framework state does not match the bundle folder; installing afresh");
        for (Bundle bundle : installed) {
            bundle.uninstall();
        }
        return Optional.empty();
    }

    /** "reference:" makes Felix use the jar where it lies instead of copying it. */
    private static String location(Path jar) {
        return "reference:" + jar.toUri();
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

    private static List<Bundle> install(Felix framework, List<Path> jars) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(framework.getBundleContext().installBundle(location(jar)));
        }
        return bundles;
    }

    /**
     * A bundle that cannot start is reported and left out; the others still serve.
     *
     * @return whether every bundle started
     */
    private static boolean startAll(List<Bundle> bundles) {
        boolean all = true;
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                System.err.println("exekutir: bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " did not start: " + e.getMessage());
                all = false;
            }
        }
        return all;
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
