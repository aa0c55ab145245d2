package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.nio.file.Path;

import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * A step type is not rebuilt for every entry: after the entries that used it end, its
 * component stays active (the launcher's {@code ds.delayed.keepInstances}), where SCR would
 * otherwise dispose of it and make it again for the next entry.
 */
public class ComponentLifetimeIT extends KernelTestSupport {

    private static final String COMMAND_STEP = "org.exekutir.engine.internal.steps.CommandStep";

    @Test
    public void aStepTypeOutlivesTheEntriesThatUsedIt() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("twice.xn"), """
                - command: {filepath: /bin/true}
                - command: {filepath: /bin/true}
                """);
        Run first = transition("setup", workspace, file);
        assertEquals(first.toString(), 0, first.code());
        assertActive(COMMAND_STEP);

        Run second = transition("run", workspace, file);
        assertEquals(second.toString(), 0, second.code());
        assertActive(COMMAND_STEP);
    }

    private void assertActive(String name) throws InterruptedException {
        ServiceReference<ServiceComponentRuntime> reference = awaitService(ServiceComponentRuntime.class, "");
        assertNotNull("SCR runs", reference);
        ServiceComponentRuntime scr = context.getService(reference);
        try {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (description.name.equals(name)) {
                    ComponentConfigurationDTO[] configurations = scr.getComponentConfigurationDTOs(description)
                            .toArray(ComponentConfigurationDTO[]::new);
                    assertEquals(name + " has one configuration", 1, configurations.length);
                    assertEquals(name + " is still active after the transition ended (not disposed)",
                            ComponentConfigurationDTO.ACTIVE, configurations[0].state);
                    return;
                }
            }
        } finally {
            context.ungetService(reference);
        }
        throw new AssertionError("no component " + name);
    }
}
