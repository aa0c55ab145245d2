package org.exekutir.dist.maven.lib2;

/** The second library of the by-coordinates install tests: the provider needs it through the first. */
public final class Words {

    private Words() {
    }

    /** A method, not a constant: a constant would be copied into its callers, and no import needed. */
    public static String hello() {
        return "hello";
    }
}
