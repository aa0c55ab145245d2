package org.exekutir.api.playbook;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One playbook run, with every path absolute.
 *
 * @param playbook    the playbook; its folder is the working directory
 * @param inventory   the inventory, when one is named
 * @param varsFile    a file of extra variables, when it exists
 * @param limit       a host pattern limiting the run, when one is given
 * @param config      the runner's configuration file, when one is named
 * @param extraVars   variables always passed ({@code adept_context}, {@code workspace}, …)
 * @param arguments   further arguments, already split like a shell (the OPTIONAL words)
 * @param environment the complete environment of the run
 */
public record PlaybookRun(Path playbook, Optional<Path> inventory, Optional<Path> varsFile, Optional<String> limit,
        Optional<Path> config, Map<String, String> extraVars, List<String> arguments,
        Map<String, String> environment) {

    public PlaybookRun {
        Objects.requireNonNull(playbook, "playbook");
        extraVars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
