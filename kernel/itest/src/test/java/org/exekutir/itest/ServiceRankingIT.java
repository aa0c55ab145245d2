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
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** Of two step types with one name, the one with the highest service ranking runs. */
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
