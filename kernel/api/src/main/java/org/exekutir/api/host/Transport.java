package org.exekutir.api.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ProcessOutput;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reaches a host. Register it as a service named with
 * {@link org.exekutir.api.ExekutirName} ({@code local}, {@code ssh}).
 */
@ConsumerType
public interface Transport {

    /**
     * Runs a program on the host with output streamed live.
     *
     * @param directory working directory on the host
     * @return the program's exit code
     */
    int run(HostVars host, List<String> command, Map<String, String> environment, String directory,
            ProcessOutput output) throws IOException, InterruptedException;

    /** Makes {@code remoteDirectory} on the host equal to {@code localDirectory}. */
    void push(Path localDirectory, HostVars host, String remoteDirectory, SyncOptions options)
            throws IOException, InterruptedException;

    /** Makes {@code localDirectory} equal to {@code remoteDirectory} on the host. */
    void pull(HostVars host, String remoteDirectory, Path localDirectory, SyncOptions options)
            throws IOException, InterruptedException;
}
