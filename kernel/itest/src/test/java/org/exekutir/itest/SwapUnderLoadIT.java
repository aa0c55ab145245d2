package org.exekutir.itest;

import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.exekutir.launch.TransitionService;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.ServiceReference;

/**
 * (a) A transition of hundreds of short steps runs while their provider bundle is updated
 * to a new version again and again: no step fails, nothing printed or written is lost, and
 * every step that starts after a swap has completed runs on the new version.
 */
public class SwapUnderLoadIT extends SwapSupport {

    private static final int SWAPS = 24;
    /** Quick 'hello' entries between two gates; the swap races with them. */
    private static final int QUICK = 20;
    /** Entries after the last gate, which opens once the last swap is complete. */
    private static final int TAIL = 5;

    @Test
    public void everyStepAfterASwapRunsOnTheNewVersionAndNoneFails() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("many.xn"), transitionFile());
        Bundle provider = installProvider("1.0.0");
        List<String> otherBundleEvents = new CopyOnWriteArrayList<>();
        BundleListener others = (SynchronousBundleListener) event -> {
            if (event.getBundle().getBundleId() != provider.getBundleId()) {
                otherBundleEvents.add(event.getBundle().getSymbolicName() + " " + type(event));
            }
        };
        ServiceReference<TransitionService> engineBefore = awaitService(TransitionService.class, "");
        context.addBundleListener(others);
        int[] started = new int[SWAPS + 1];
        int[] completed = new int[SWAPS + 1];
        List<String> events = new ArrayList<>();
        Running running = start(workspace, file);
        try {
            for (int n = 1; n <= SWAPS; n++) {
                // the transition waits at gate n; let it go, and swap while the quick steps after it run
                running.err().awaitGreetings((QUICK + 1) * (n - 1) + QUICK);
                write(workspace.resolve("gate-" + n), "");
                running.err().awaitGreetings((QUICK + 1) * n);
                started[n] = running.err().greetings().size();
                swap(provider, "1.0." + n);
                completed[n] = running.err().greetings().size();
                events.add("swap " + n + " (to 1.0." + n + ") started after step " + started[n] + ", completed after step "
                        + completed[n]);
            }
            write(workspace.resolve("gate-last"), ""); // the tail starts after the last swap completed
        } finally {
            context.removeBundleListener(others);
        }
        Run run = running.finish();
        String story = String.join("\n", events) + "\n" + run;

        assertEquals(story, 0, run.code());
        assertThat("a step failed\n" + story, run.err(), not(containsString("exekutir: ")));
        List<Greeting> greetings = running.err().greetings();
        int steps = (QUICK + 1) * SWAPS + QUICK + 1 + TAIL;
        assertEquals("greetings\n" + story, steps, greetings.size());
        for (int i = 0; i < steps; i++) {
            Greeting greeting = greetings.get(i);
            assertEquals("the entry of step " + (i + 1) + "\n" + story, i + 2, greeting.entry());
            if (i > 0) {
                assertTrue("step " + (i + 1) + " ran on an older version than the step before it\n" + story,
                        greeting.micro() >= greetings.get(i - 1).micro());
            }
        }
        for (int n = 1; n <= SWAPS; n++) {
            // the one step in flight when the swap completed may still hold the old version
            for (int step = completed[n] + 2; step <= steps; step++) {
                assertTrue("step " + step + " started after swap " + n + " completed but ran on "
                        + greetings.get(step - 1).version() + "\n" + story, greetings.get(step - 1).micro() >= n);
            }
            for (int step = 1; step <= started[n]; step++) {
                assertTrue("step " + step + " ran on 1.0." + n + " before swap " + n + " began\n" + story,
                        greetings.get(step - 1).micro() < n);
            }
        }
        for (int step = steps - TAIL + 1; step <= steps; step++) {
            assertEquals("the version of step " + step + ", after the last swap\n" + story, "1.0." + SWAPS,
                    greetings.get(step - 1).version());
        }
        List<String> written = Files.readAllLines(workspace.resolve("greetings.txt"));
        assertEquals("greetings written to the file\n" + story, steps, written.size());
        assertTrue("every greeting was written by its step\n" + story, written.get(0).contains("entry 2,")
                && written.get(steps - 1).contains("entry " + (steps + 1) + ","));
        // refresh storms: the swaps touched the provider only
        assertEquals("bundle events of bundles other than the provider during " + SWAPS + " swaps", List.of(),
                otherBundleEvents);
        assertEquals("bundles pending removal after the swaps", List.of(), new ArrayList<>(context
                .getBundle(org.osgi.framework.Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(org.osgi.framework.wiring.FrameworkWiring.class).getRemovalPendingBundles()));
        assertEquals("revisions of the provider after the swaps", 1,
                provider.adapt(org.osgi.framework.wiring.BundleRevisions.class).getRevisions().size());
        assertEquals("the engine's service (the same component instance) after the swaps",
                engineBefore.getProperty("service.id"), awaitService(TransitionService.class, "").getProperty("service.id"));
    }

    /** A variable; per swap quick greetings and one gate; quick greetings, the last gate and a tail. */
    private static String transitionFile() {
        StringBuilder xn = new StringBuilder("- variable: {name: WHO, value: world}\n");
        for (int n = 1; n <= SWAPS + 1; n++) {
            xn.append("- hello: {who: $WHO, to: greetings.txt}\n".repeat(QUICK));
            String gate = n <= SWAPS ? "gate-" + n : "gate-last";
            xn.append("- hello: {who: ").append(gate).append(", wait_for: ").append(gate)
                    .append(", to: greetings.txt}\n");
        }
        xn.append("- hello: {who: $WHO, to: greetings.txt}\n".repeat(TAIL));
        return xn.toString();
    }

    static String type(BundleEvent event) {
        return switch (event.getType()) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "event " + event.getType();
        };
    }
}
