package org.exekutir.api.prune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Prunes a workspace at the end of a job. Register it as a service named with
 * {@link org.exekutir.api.ExekutirName} ({@code secrets}, {@code patterns}).
 */
@ConsumerType
public interface WorkspacePruner {

    /**
     * @param workspace the workspace to prune
     * @param settings  the job's configuration ({@code exekutir_vars.yml})
     * @return what was removed or redacted; never the secret values themselves
     */
    PruneReport prune(Path workspace, Map<String, Object> settings) throws IOException;

    /** The {@code exekutir_vars.yml} keys this pruner reads (a key one edit away is taken for a typo). */
    default Set<String> settingNames() {
        return Set.of();
    }
}
