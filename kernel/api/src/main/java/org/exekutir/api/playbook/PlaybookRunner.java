package org.exekutir.api.playbook;

import java.io.IOException;

import org.exekutir.api.ProcessOutput;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs playbooks. Register it as a service named with
 * {@link org.exekutir.api.ExekutirName}; the {@code playbook} action uses the runner
 * named {@code ansible} unless configured otherwise.
 */
@ConsumerType
public interface PlaybookRunner {

    /**
     * Runs the playbook to its end, output streamed live as {@code output} says.
     *
     * @return the runner's exit code
     * @throws IOException when the runner cannot be started (the message says why)
     */
    int run(PlaybookRun run, ProcessOutput output) throws IOException, InterruptedException;
}
