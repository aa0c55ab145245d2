package org.exekutir.launch;

import org.osgi.annotation.versioning.ProviderType;

/** Runs transitions. The engine bundle registers it; launchers and consoles call it. */
@ProviderType
public interface TransitionService {

    /**
     * Validates the whole transition file, then runs the entries that apply to the
     * request's context, in order, until one fails.
     *
     * @return the transition's exit code: 0 when every entry succeeded, the failing
     *         entry's code otherwise, {@value #INVALID} when the file is invalid
     */
    int run(TransitionRequest request);

    /** The exit code of a transition that did not start because its input is invalid. */
    int INVALID = 2;
}
