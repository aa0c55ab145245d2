package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.ProcessOutput;
import org.exekutir.api.playbook.PlaybookRun;
import org.exekutir.api.playbook.PlaybookRunner;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** Of two services of one contract with one name, the one with the highest service ranking serves. */
public class ServiceRankingIT extends KernelTestSupport {

    @Test
    public void aHigherRankedCommandReplacesTheBuiltInOneUntilItIsUnregistered() throws Exception {
        Path workspace = workspace();
        Path builtInRan = workspace.resolve("built-in-ran.txt");
        Path file = write(workspace.resolve("command.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo built-in > "$WORKSPACE/built-in-ran.txt"'
                """);
        RecordingCommand ours = new RecordingCommand();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ExekutirName.PROPERTY, "command");
        properties.put(Constants.SERVICE_RANKING, 10);
        ServiceRegistration<StepType> registration = context.registerService(StepType.class, ours, properties);
        try {
            Run run = transition("setup", workspace, file);

            assertEquals(run.toString(), 0, run.code());
            assertEquals("entries the test's 'command' ran\n" + run, List.of("/bin/sh"), ours.ran);
            assertFalse("the built-in 'command' ran although one ranked higher was registered\n" + run,
                    Files.exists(builtInRan));
        } finally {
            registration.unregister();
        }

        Run run = transition("setup", workspace, file);

        assertEquals(run.toString(), 0, run.code());
        assertEquals("entries the test's 'command' ran after it was unregistered\n" + run, List.of("/bin/sh"),
                ours.ran);
        assertEquals("what the built-in 'command' wrote\n" + run, "built-in\n", read(builtInRan));
    }

    /**
     * The same rule for a service a step fetches through {@code StepContext.use} (here the
     * {@code playbook} step's runner): the highest ranking serves, a lower-ranked one never,
     * and the built-in one again once the higher one is gone.
     */
    @Test
    public void aServiceAStepUsesIsPickedByTheSameRanking() throws Exception {
        Path workspace = workspace();
        writeLocalPlaybook(workspace, "site.yml", "ansible-ran.txt", "ansible");
        Path file = write(workspace.resolve("play.xn"), """
                - playbook:
                    filepath: site.yml
                    inventory: inventory
                """);
        RecordingRunner higher = new RecordingRunner();
        RecordingRunner lower = new RecordingRunner();
        ServiceRegistration<PlaybookRunner> high = context.registerService(PlaybookRunner.class, higher,
                named("ansible", 10));
        ServiceRegistration<PlaybookRunner> low = context.registerService(PlaybookRunner.class, lower,
                named("ansible", -10));
        try {
            Run run = transition("setup", workspace, file);
            assertEquals(run.toString(), 0, run.code());
            assertEquals("the higher-ranked runner ran the playbook\n" + run,
                    List.of(workspace.resolve("site.yml")), higher.ran);
            assertEquals("the lower-ranked runner never runs\n" + run, List.of(), lower.ran);
            assertFalse("the built-in runner ran although one ranked higher was registered\n" + run,
                    Files.exists(workspace.resolve("ansible-ran.txt")));
        } finally {
            high.unregister();
        }
        try {
            Run run = transition("setup", workspace, file);
            assertEquals(run.toString(), 0, run.code());
            assertEquals("the built-in (ranking 0) wins over -10\n" + run, List.of(), lower.ran);
            assertEquals("what the built-in runner's ansible-playbook wrote\n" + run, "ansible\n",
                    read(workspace.resolve("ansible-ran.txt")));
        } finally {
            low.unregister();
        }
    }

    private static Dictionary<String, Object> named(String name, int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ExekutirName.PROPERTY, name);
        properties.put(Constants.SERVICE_RANKING, ranking);
        return properties;
    }

    /** A playbook runner that only records which playbooks it was asked to run. */
    private static final class RecordingRunner implements PlaybookRunner {
        final List<Path> ran = new CopyOnWriteArrayList<>();

        @Override
        public int run(PlaybookRun run, ProcessOutput output) {
            ran.add(run.playbook());
            return 0;
        }
    }

    /** A {@code command} that accepts the built-in one's keys and only records what it was asked to run. */
    private static final class RecordingCommand implements StepType {
        final List<String> ran = new CopyOnWriteArrayList<>();

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.required("filepath", OptionType.STRING),
                    OptionSpec.optional("arguments", OptionType.STRING));
        }

        @Override
        public int run(StepOptions options, StepContext context) {
            ran.add(options.requiredString("filepath"));
            return 0;
        }
    }
}
