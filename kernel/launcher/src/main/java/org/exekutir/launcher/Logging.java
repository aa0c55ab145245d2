package org.exekutir.launcher;

/**
 * The kernel's diagnostic log: SLF4J with its simple backend, to standard error. People
 * read the engine's own output (headers, child output); the log is for diagnosis, so it
 * says little unless {@code --verbose} is given.
 */
final class Logging {

    private Logging() {
    }

    /** Must run before the first logger is created: the simple backend reads these once. */
    static void configure(boolean verbose) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
