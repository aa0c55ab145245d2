package org.exekutir.launch;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Commands of the daemon's control channel that a bundle answers ({@code exekutir bundle},
 * {@code exekutir console}); exekutir's console bundle registers one. The daemon has
 * already admitted the caller (its own user or its control group) when it calls this.
 */
@ConsumerType
public interface ControlCommands {

    /** Each command's name and one line of help (its arguments and what it does), in the order help shows them. */
    Map<String, String> commands();

    /**
     * Runs one command.
     *
     * @param name      one of {@link #commands()}
     * @param arguments its arguments, as the caller's words
     * @return what it prints
     * @throws Exception whose message says what went wrong (the command exits 1)
     */
    String execute(String name, List<String> arguments) throws Exception;
}
