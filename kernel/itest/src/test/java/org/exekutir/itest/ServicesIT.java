package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.playbook.PlaybookRunner;
import org.exekutir.api.prune.WorkspacePruner;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionService;
import org.junit.Test;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The services the runtime's bundles register, found as the engine finds them. */
public class ServicesIT extends KernelTestSupport {

    @Test
    public void theBuiltInStepTypesAreRegisteredByTheEngine() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("command", "playbook", "variable")) {
            expectNamed(StepType.class, name, "org.exekutir.engine", problems);
        }
        assertEquals("step types (registered: " + names(StepType.class) + ")", List.of(), problems);
    }

    @Test
    public void theAnsiblePlaybookRunnerIsRegistered() throws Exception {
        List<String> problems = new ArrayList<>();
        expectNamed(PlaybookRunner.class, "ansible", "org.exekutir.ansible", problems);
        assertEquals("playbook runners (registered: " + names(PlaybookRunner.class) + ")", List.of(), problems);
    }

    @Test
    public void theBuiltInVmProvidersAndPrunersAreRegistered() throws Exception {
        List<String> problems = new ArrayList<>();
        expectNamed(VmProvider.class, "local", "org.exekutir.provider.local", problems);
        expectNamed(VmProvider.class, "script", "org.exekutir.provider.script", problems);
        expectNamed(WorkspacePruner.class, "secrets", "org.exekutir.pruner.secrets", problems);
        expectNamed(WorkspacePruner.class, "patterns", "org.exekutir.pruner.patterns", problems);
        assertEquals("providers " + names(VmProvider.class) + ", pruners " + names(WorkspacePruner.class), List.of(), problems);
    }

    @Test
    public void theTransitionServiceIsRegisteredByTheEngine() throws Exception {
        ServiceReference<TransitionService> reference = awaitService(TransitionService.class, "");
        assertNotNull("no " + TransitionService.class.getName() + " is registered", reference);
        assertEquals("the bundle that registers the TransitionService", "org.exekutir.engine",
                reference.getBundle().getSymbolicName());
    }

    private <T> void expectNamed(Class<T> type, String name, String bundle, List<String> problems)
            throws InterruptedException {
        ServiceReference<T> reference = awaitService(type, "(" + ExekutirName.PROPERTY + "=" + name + ")");
        if (reference == null) {
            problems.add("no " + type.getSimpleName() + " named '" + name + "'");
        } else if (!bundle.equals(reference.getBundle().getSymbolicName())) {
            problems.add(type.getSimpleName() + " '" + name + "' is registered by "
                    + reference.getBundle().getSymbolicName() + ", not " + bundle);
        }
    }

    /** The {@value ExekutirName#PROPERTY} of every registered service of the type. */
    private Set<String> names(Class<?> type) throws InvalidSyntaxException {
        Set<String> names = new TreeSet<>();
        ServiceReference<?>[] references = context.getServiceReferences(type.getName(), null);
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            names.add(String.valueOf(reference.getProperty(ExekutirName.PROPERTY)));
        }
        return names;
    }
}
