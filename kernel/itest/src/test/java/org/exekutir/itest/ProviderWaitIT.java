package org.exekutir.itest;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.ListenerHook;

/**
 * (d) A step whose provider was removed waits for it: reinstalled while the step waits, the
 * step runs on the reinstalled one; not back within the bound, the step fails saying what it
 * waited for and how long.
 */
public class ProviderWaitIT extends SwapSupport {

    @Test
    public void aStepTypeRemovedAndReinstalledWhileTheNextStepWaitsServesThatStep() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("wait.xn"), """
                - hello: {who: first, wait_for: gate}
                - hello: {who: second}
                """);
        Bundle provider = installProvider("5.0.0");
        Running running = start(workspace, file);
        running.err().await("transition item = '1'");
        provider.uninstall();
        refresh(List.of(provider));
        try (EngineWaiting waiting = new EngineWaiting("(exekutir.name=hello)")) {
            write(workspace.resolve("gate"), ""); // entry 1 ends on the removed code; entry 2 finds no 'hello'
            waiting.await(running);
            installProvider("5.1.0");
        }
        Run run = running.finish();

        assertEquals(run.toString(), 0, run.code());
        assertEquals(run.toString(), List.of(new Greeting("first", 1, "5.0.0"), new Greeting("second", 2, "5.1.0")),
                running.err().greetings());
    }

    @Test
    public void aServiceAStepUsesIsWaitedForUntilItIsInstalled() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("use.xn"), "- itest-host: {}\n");
        ServiceRegistration<StepType> step = registerHostStep();
        try (EngineWaiting waiting = new EngineWaiting("(exekutir.name=example)")) {
            Running running = start(workspace, file); // no 'example' VM provider is installed yet
            waiting.await(running);
            installProvider("6.0.0");
            Run run = running.finish();

            assertEquals(run.toString(), 0, run.code());
            assertThat(run.toString(), run.err(), containsString("host itest-host from example-provider 6.0.0"));
        } finally {
            step.unregister();
        }
    }

    @Test
    public void aStepWaitingLongerThanTheBoundFailsNamingWhatItWaitedFor() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("gone.xn"), """
                - hello: {who: first, wait_for: gate}
                - hello: {who: second}
                - hello: {who: third}
                """);
        Bundle provider = installProvider("7.0.0");
        Running running = start(workspace, file);
        running.err().await("transition item = '1'");
        provider.uninstall();
        refresh(List.of(provider));
        write(workspace.resolve("gate"), "");
        Run run = running.finish();

        assertEquals(run.toString(), 1, run.code());
        assertEquals(run.toString(), List.of(new Greeting("first", 1, "7.0.0")), running.err().greetings());
        assertThat(run.toString(), run.err(), containsString("#2 (hello)"));
        assertThat(run.toString(), run.err(), containsString("no step type 'hello' is installed (waited "
                + SERVICE_WAIT.replace("s", " s") + " for one to appear; exekutir.service.wait sets the wait)"));
        assertThat("the entry after the failed one ran\n" + run, run.err(), not(containsString("transition item = '3'")));
    }

    @Test
    public void aFileNamingAStepTypeThatIsGoneWaitsForIt() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("later.xn"), "- hello: {who: later}\n");
        Bundle provider = installProvider("8.0.0");
        provider.uninstall();
        refresh(List.of(provider));
        try (EngineWaiting waiting = new EngineWaiting("(exekutir.name=hello)")) {
            Running running = start(workspace, file); // checked before it runs: 'hello' is missing now
            waiting.await(running);
            installProvider("8.0.1");
            Run run = running.finish();

            assertEquals(run.toString(), 0, run.code());
            assertEquals(run.toString(), List.of(new Greeting("later", 1, "8.0.1")), running.err().greetings());
        }
    }

    /** The playbook runner is found the same way: a runner being restarted is waited for. */
    @Test
    public void aPlaybookRunnerThatIsGoneIsWaitedForUntilItIsBack() throws Exception {
        Path workspace = workspace();
        writeLocalPlaybook(workspace, "play.yml", "played.txt", "played");
        Path file = write(workspace.resolve("play.xn"), "- playbook: {filepath: play.yml, inventory: inventory}\n");
        Bundle ansible = java.util.Arrays.stream(context.getBundles())
                .filter(bundle -> "org.exekutir.ansible".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        ansible.stop();
        try (EngineWaiting waiting = new EngineWaiting("(exekutir.name=ansible)")) {
            Running running = start(workspace, file);
            waiting.await(running);
            ansible.start();
            Run run = running.finish();

            assertEquals(run.toString(), 0, run.code());
            assertEquals("what the playbook wrote", "played\n", read(workspace.resolve("played.txt")));
        } finally {
            ansible.start();
        }
    }

    /** A step type of the test's own that gets the VM provider 'example' through StepContext.use. */
    private ServiceRegistration<StepType> registerHostStep() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ExekutirName.PROPERTY, "itest-host");
        return context.registerService(StepType.class, new StepType() {
            @Override
            public List<OptionSpec> options() {
                return List.of();
            }

            @Override
            public int run(StepOptions options, StepContext step) throws StepException, InterruptedException {
                VmProvider provider = step.use(VmProvider.class, "example");
                try {
                    HostVars host = provider.discoverOrCreate(HostRequest.of("itest-host", step.workspace(), Map.of(),
                            HostVars.of("itest-host", Map.of())));
                    step.messages().println("host " + host.name() + " from example-provider "
                            + host.string("example_provider_version").orElse("?"));
                    return 0;
                } catch (java.io.IOException e) {
                    throw new StepException(e.getMessage(), e);
                }
            }
        }, properties);
    }

    /**
     * Tells when the engine starts waiting for a service: it then adds a service listener
     * whose filter names the service, which a listener hook sees. No clock involved.
     */
    private final class EngineWaiting implements ListenerHook, AutoCloseable {
        private final String name;
        private final CountDownLatch added = new CountDownLatch(1);
        private final ServiceRegistration<ListenerHook> registration;

        EngineWaiting(String name) {
            this.name = name;
            registration = context.registerService(ListenerHook.class, this, null);
        }

        @Override
        public void added(Collection<ListenerInfo> listeners) {
            for (ListenerInfo listener : listeners) {
                if ("org.exekutir.engine".equals(listener.getBundleContext().getBundle().getSymbolicName())
                        && listener.getFilter() != null && listener.getFilter().contains(name)) {
                    added.countDown();
                }
            }
        }

        @Override
        public void removed(Collection<ListenerInfo> listeners) {
            // only the start of a wait matters here
        }

        void await(Running running) throws Exception {
            for (int i = 0; i < 300 && !added.await(100, TimeUnit.MILLISECONDS); i++) {
                if (running.code().isDone()) {
                    throw new AssertionError("the transition ended without waiting for " + name + ": "
                            + running.finish());
                }
            }
            assertTrue("the engine never waited for " + name + "; the transition said:\n" + running.err().text(),
                    added.getCount() == 0);
        }

        @Override
        public void close() {
            registration.unregister();
        }
    }
}
