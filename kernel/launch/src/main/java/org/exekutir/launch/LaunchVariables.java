package org.exekutir.launch;

/**
 * The caller's variables the launcher and the native steps pass between them (in the
 * {@link TransitionRequest#environment()}): one place for the names both sides read.
 */
public final class LaunchVariables {

    /** A cycle's JOB_PATH, for the {@code workspace} step to write into a new {@code exekutir_vars.yml}. */
    public static final String JOB_PATH = "EXEKUTIR_JOB_PATH";

    /**
     * The OPTIONAL words when the command line gives none: words that must not stand where
     * {@code ps} shows them (the {@code job} step hands a remote kommandir's run its OPTIONAL
     * words this way).
     */
    public static final String OPTIONAL = "EXEKUTIR_OPTIONAL";

    private LaunchVariables() {
    }
}
