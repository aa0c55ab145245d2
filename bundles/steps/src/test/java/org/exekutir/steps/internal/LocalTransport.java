package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SyncOptions;
import org.exekutir.api.host.Transport;
import org.exekutir.processes.ChildProcesses;

/** A test-only 'local' transport: runs commands here; records what it was asked to sync. */
final class LocalTransport implements Transport {

    final List<String> commands = new ArrayList<>();
    final List<String> syncs = new ArrayList<>();

    @Override
    public int run(HostVars host, List<String> command, Map<String, String> environment, String directory,
            ProcessOutput output) throws IOException, InterruptedException {
        commands.add(String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(directory).toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return ChildProcesses.run(builder, output);
    }

    @Override
    public void push(Path localDirectory, HostVars host, String remoteDirectory, SyncOptions options) {
        syncs.add("push " + localDirectory + " " + remoteDirectory + " " + options);
    }

    @Override
    public void pull(HostVars host, String remoteDirectory, Path localDirectory, SyncOptions options) {
        syncs.add("pull " + remoteDirectory + " " + localDirectory + " " + options);
    }
}
