package org.exekutir.api.host;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider is asked for.
 *
 * @param name      the host's name, unique to the job (it carries the job's uuid), so a
 *                  provider can find a host it created earlier by name alone
 * @param workspace the job's workspace, where a provider may keep files it needs later
 * @param settings  the job's configuration ({@code exekutir_vars.yml} and inventory vars)
 * @param known     the host's variables recorded so far; empty for a host never created
 */
public record HostRequest(String name, Path workspace, Map<String, Object> settings, HostVars known) {

    public HostRequest {
        settings = Map.copyOf(settings);
    }
}
