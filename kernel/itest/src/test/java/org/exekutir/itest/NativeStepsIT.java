package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.StepType;
import org.junit.Test;
import org.osgi.framework.ServiceReference;

/** The native steps as the engine finds them: step types of bundle org.exekutir.steps, one per name. */
public class NativeStepsIT extends KernelTestSupport {

    @Test
    public void everyNativeStepIsARegisteredStepType() throws Exception {
        for (String name : new String[] {"workspace", "kommandir", "sync", "job", "peons", "destroy", "prune"}) {
            ServiceReference<StepType> reference = awaitService(StepType.class,
                    "(" + ExekutirName.PROPERTY + "=" + name + ")");
            assertNotNull("no step type named '" + name + "'", reference);
            assertEquals(name, "org.exekutir.steps", reference.getBundle().getSymbolicName());
        }
    }
}
