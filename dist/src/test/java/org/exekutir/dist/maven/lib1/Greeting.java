package org.exekutir.dist.maven.lib1;

import org.exekutir.dist.maven.lib2.Words;

/** The first library of the by-coordinates install tests; it needs the second. */
public final class Greeting {

    private Greeting() {
    }

    public static String of(String who) {
        return Words.hello() + ", " + who;
    }
}
