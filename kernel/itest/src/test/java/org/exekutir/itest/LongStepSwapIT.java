package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.exekutir.api.playbook.PlaybookRunner;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionService;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * (b) A step in flight when its bundle is updated finishes on the old code with its output
 * intact; the next step runs on the new code. Then the two traps of hot updates: the old
 * revision is gone once the step released it, and the update restarted only the provider.
 */
public class LongStepSwapIT extends SwapSupport {

    @Test
    public void aLongStepFinishesOnTheOldVersionAndTheOldRevisionIsGoneAfterwards() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("long.xn"), """
                - hello: {who: long, wait_for: gate, to: greetings.txt}
                - hello: {who: next, to: greetings.txt}
                """);
        Bundle provider = installProvider("2.0.0");
        BundleRevision old = provider.adapt(BundleRevision.class);
        Running running = start(workspace, file);
        running.err().await("transition item = '1'"); // the header: entry 1 holds its step type and runs

        swap(provider, "2.0.1");
        write(workspace.resolve("gate"), "");
        Run run = running.finish();

        assertEquals(run.toString(), 0, run.code());
        List<Greeting> greetings = running.err().greetings();
        assertEquals(run.toString(), List.of(new Greeting("long", 1, "2.0.0"), new Greeting("next", 2, "2.0.1")),
                greetings);
        assertEquals("what the steps wrote", List.of("hello, long (entry 1, example-provider 2.0.0)",
                "hello, next (entry 2, example-provider 2.0.1)"), java.nio.file.Files.readAllLines(
                        workspace.resolve("greetings.txt")));
        FrameworkWiring framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        assertEquals("bundles pending removal", List.of(), new ArrayList<>(framework.getRemovalPendingBundles()));
        assertEquals("revisions of the provider", 1, provider.adapt(BundleRevisions.class).getRevisions().size());
        assertNotSame("the provider's revision after the swap", old, provider.adapt(BundleRevision.class));
        BundleWiring oldWiring = old.getWiring();
        assertTrue("the old revision is still wired", oldWiring == null || !oldWiring.isInUse());
    }

    /** Refresh storms: updating a provider restarts it alone; the kernel and other providers keep running. */
    @Test
    public void anUpdateRestartsOnlyTheProvider() throws Exception {
        Bundle provider = installProvider("3.0.0");
        List<String> events = new CopyOnWriteArrayList<>();
        BundleListener listener = (SynchronousBundleListener) event -> events.add(event.getBundle().getSymbolicName() + " "
                + SwapUnderLoadIT.type(event));
        List<Object> servicesBefore = kernelServices();
        List<Long> lastModifiedBefore = lastModified(provider);
        context.addBundleListener(listener);
        try {
            swap(provider, "3.0.1");
        } finally {
            context.removeBundleListener(listener);
        }
        awaitHello(provider);

        String name = provider.getSymbolicName();
        List<String> others = events.stream().filter(event -> !event.startsWith(name + " ")).toList();
        assertEquals("bundle events of other bundles (all events: " + events + ")", List.of(), others);
        assertTrue("the provider was stopped and started again: " + events,
                events.contains(name + " STOPPING") && events.contains(name + " STARTING"));
        assertEquals("the kernel's services (ids of the engine, its step types, the ansible runner)", servicesBefore,
                kernelServices());
        assertEquals("when the other bundles last changed", lastModifiedBefore, lastModified(provider));
        assertEquals("the provider's version after the swap", "3.0.1", provider.getVersion().toString());
    }

    /** Service ids of the kernel's own services: a restarted component would register under a new id. */
    private List<Object> kernelServices() throws Exception {
        List<Object> ids = new ArrayList<>();
        for (ServiceReference<?> reference : context.getServiceReferences(TransitionService.class, null)) {
            ids.add(reference.getProperty(Constants.SERVICE_ID));
        }
        for (ServiceReference<?> reference : context.getServiceReferences(StepType.class,
                "(|(exekutir.name=command)(exekutir.name=playbook)(exekutir.name=variable))")) {
            ids.add(reference.getProperty(Constants.SERVICE_ID));
        }
        for (ServiceReference<?> reference : context.getServiceReferences(PlaybookRunner.class, null)) {
            ids.add(reference.getProperty(Constants.SERVICE_ID));
        }
        ids.sort(java.util.Comparator.comparing(Object::toString));
        return ids;
    }

    private List<Long> lastModified(Bundle except) {
        List<Long> times = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != except.getBundleId()) {
                times.add(bundle.getLastModified());
            }
        }
        return times;
    }
}
