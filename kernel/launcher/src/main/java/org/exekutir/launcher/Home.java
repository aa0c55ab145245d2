package org.exekutir.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The distribution's home: {@code bin/}, {@code lib/}, {@code bundle/}, {@code conf/} and
 * the default transition files. {@code bin/exekutir} passes it as {@code -Dexekutir.home};
 * otherwise it is the folder above the launcher jar ({@code lib/..}).
 */
final class Home {

    static final String PROPERTY = "exekutir.home";

    private Home() {
    }

    static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate exekutir's home; set -D" + PROPERTY, e);
        }
    }
}
