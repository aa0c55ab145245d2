package org.exekutir.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.host.VmProvider;
import org.exekutir.api.step.StepOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peons step with the real ansible-inventory reading the inventory, and test providers. */
class PeonsStepTest {

    @TempDir
    Path workspace;

    private final TestProvider netns = new TestProvider();
    private final TestProvider script = new TestProvider();
    private final PeonsStep step = new PeonsStep();

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(workspace.resolve("exekutir_vars.yml"), "uuid: j1\npeon_parallelism: 3\n");
        Files.createDirectories(workspace.resolve("inventory/group_vars"));
        Files.writeString(workspace.resolve("inventory/hosts"), "kommandir\n");
        StringBuilder peons = new StringBuilder("[peons]\n");
        for (int i = 1; i <= 6; i++) {
            peons.append("peon-").append(i).append(i == 6 ? " peon_provider=script" : "").append('\n');
        }
        Files.writeString(workspace.resolve("inventory/peons"), peons.toString());
    }

    private EngineContext context(String name) {
        return new EngineContext(name, workspace, workspace).with(VmProvider.class, "netns", netns)
                .with(VmProvider.class, "script", script);
    }

    @Test
    void setupCreatesEveryPeonThroughItsProviderAtMostParallelismAtOnce() throws Exception {
        // Three callers must be inside the provider together, or the barrier breaks: the bound is used in full.
        CyclicBarrier together = new CyclicBarrier(3);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        netns.hook = request -> {
            if (calls.incrementAndGet() > 3) {
                return;
            }
            try {
                together.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("fewer than 3 peons were created at once", e);
            }
        };
        EngineContext context = context("setup");
        assertEquals(0, step.run(StepOptions.of(Map.of()), context), context.messagesText());
        assertEquals(3, netns.mostAtOnce.get(), "at most peon_parallelism at once");
        assertEquals(5, netns.alive.size());
        assertEquals(List.of("j1-peon-6"), new ArrayList<>(script.alive));
        for (int i = 1; i <= 6; i++) {
            String vars = Files.readString(workspace.resolve("inventory/host_vars/peon-" + i + ".yml"));
            assertTrue(vars.contains("ansible_host: "), vars);
            assertTrue(Files.readString(workspace.resolve("hosts/peon-" + i + ".yml")).contains("state: created"));
        }
        String text = context.messagesText();
        assertTrue(text.contains("[6/6]"), text);
        assertTrue(text.contains("peons: 6 created, 0 failed"), text);
    }

    @Test
    void eachPeonsOutputIsPrintedWholeAndFailuresComeFirst() throws Exception {
        netns.failFor.add("peon-2");
        EngineContext context = context("setup");
        assertEquals(1, step.run(StepOptions.of(Map.of()), context));
        List<String> lines = context.messagesText().lines().toList();
        for (int i = 1; i <= 6; i++) {
            String progress = "peon-" + i + (i == 2 ? " FAILED" : " created");
            int at = indexOf(lines, l -> l.matches("\\[\\d/6\\] " + progress + " in .*"));
            assertTrue(lines.get(at + 1).contains("peon-" + i + ": asking provider"), "output of peon-" + i
                    + " follows its progress line:\n" + String.join("\n", lines));
            assertTrue(lines.get(at + 2).contains("peon-" + i + ":"), String.join("\n", lines));
        }
        int summary = indexOf(lines, l -> l.startsWith("peons: 5 created, 1 failed"));
        assertTrue(lines.get(summary + 1).contains("FAILED peon-2: ") && lines.get(summary + 1)
                .contains("cannot make j1-peon-2"), String.join("\n", lines));
        assertTrue(lines.get(summary + 2).contains("created: peon-1, peon-3"), String.join("\n", lines));
        assertTrue(Files.readString(workspace.resolve("hosts/peon-2.yml")).contains("state: failed"));
    }

    @Test
    void cleanupDestroysEveryRecordedPeonAlsoFailedOnesAndIsIdempotent() throws Exception {
        netns.failFor.add("peon-3");
        step.run(StepOptions.of(Map.of()), context("setup"));
        netns.alive.add("j1-peon-3"); // the failed creation left something behind
        EngineContext cleanup = context("cleanup");
        assertEquals(0, step.run(StepOptions.of(Map.of()), cleanup), cleanup.messagesText());
        assertTrue(netns.alive.isEmpty(), "left: " + netns.alive);
        assertTrue(script.alive.isEmpty());
        for (int i = 1; i <= 6; i++) {
            assertTrue(Files.readString(workspace.resolve("hosts/peon-" + i + ".yml")).contains("state: destroyed"));
        }
        EngineContext again = context("cleanup");
        assertEquals(0, step.run(StepOptions.of(Map.of()), again));
        assertTrue(again.messagesText().contains("nothing to destroy"), again.messagesText());
    }

    @Test
    void runDoesNothing() throws Exception {
        EngineContext context = context("run");
        assertEquals(0, step.run(StepOptions.of(Map.of()), context));
        assertTrue(netns.alive.isEmpty());
        assertTrue(context.messagesText().contains("nothing to do in context 'run'"));
    }

    @Test
    void anUnknownProviderIsNamedBeforeAnyPeonIsCreated() throws Exception {
        Files.writeString(workspace.resolve("exekutir_vars.yml"), "uuid: j1\npeon_provider: cloudy\n");
        Files.writeString(workspace.resolve("inventory/peons"), "[peons]\npeon-1\n");
        EngineContext context = context("setup");
        String message = org.junit.jupiter.api.Assertions.assertThrows(org.exekutir.api.step.StepException.class,
                () -> step.run(StepOptions.of(Map.of()), context)).getMessage();
        assertTrue(message.contains("exekutir_vars.yml, line 2: peon_provider 'cloudy' is not an installed VM provider"),
                message);
        assertTrue(Files.notExists(workspace.resolve("hosts/peon-1.yml")));
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in:\n" + String.join("\n", lines));
    }
}
