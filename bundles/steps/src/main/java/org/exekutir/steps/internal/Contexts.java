package org.exekutir.steps.internal;

import java.util.Set;

import org.exekutir.api.step.StepContext;

/**
 * Steps that only make sense in some contexts ({@code workspace} in setup, {@code destroy}
 * in cleanup …) do nothing elsewhere and say so, so that a file may list them without a
 * {@code contexts:} key ({@code - peons: {}} creates in setup and destroys in cleanup). An
 * entry whose {@code contexts:} name none of a step's contexts is refused before anything
 * runs ({@link NativeStep#check(org.exekutir.api.step.StepOptions, java.util.List)}).
 */
final class Contexts {

    static final String SETUP = "setup";
    static final String RUN = "run";
    static final String CLEANUP = "cleanup";

    private Contexts() {
    }

    /** @return whether the step works in this context; prints why not when it does not */
    static boolean worksIn(StepContext context, String step, Set<String> contexts, String why) {
        if (contexts.contains(context.context())) {
            return true;
        }
        context.messages().println(step + ": nothing to do in context '" + context.context() + "' (" + why + ")");
        return false;
    }

    static boolean cleanup(StepContext context) {
        return CLEANUP.equals(context.context());
    }
}
