package org.exekutir.transport.local.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.ProcessOutput;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SyncOptions;
import org.exekutir.api.host.Transport;
import org.exekutir.processes.ChildProcesses;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.LocalTreeSync;
import org.exekutir.sync.SyncReport;
import org.osgi.service.component.annotations.Component;

/**
 * The transport {@code local}: the host is this machine. {@code run} starts a child with
 * exactly the environment given; {@code push} and {@code pull} are a tree sync between two
 * local folders with the same semantics as the {@code ssh} transport.
 */
@Component
@ExekutirName("local")
public class LocalTransport implements Transport {

    private final LocalTreeSync sync;

    public LocalTransport() {
        this(CacheLocation.userDefault("local"));
    }

    LocalTransport(CacheLocation caches) {
        this.sync = new LocalTreeSync(caches);
    }

    @Override
    public int run(HostVars host, List<String> command, Map<String, String> environment, String directory,
            ProcessOutput output) throws IOException, InterruptedException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run on " + host.name());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null && !directory.isEmpty()) {
            builder.directory(new File(directory));
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        return ChildProcesses.run(builder, output);
    }

    @Override
    public void push(Path localDirectory, HostVars host, String remoteDirectory, SyncOptions options)
            throws IOException, InterruptedException {
        sync(localDirectory, Path.of(remoteDirectory), options);
    }

    @Override
    public void pull(HostVars host, String remoteDirectory, Path localDirectory, SyncOptions options)
            throws IOException, InterruptedException {
        sync(Path.of(remoteDirectory), localDirectory, options);
    }

    /** @return what the sync did (the service methods return nothing; tests and benchmarks read this) */
    SyncReport sync(Path source, Path destination, SyncOptions options) throws IOException, InterruptedException {
        return sync.sync(source, destination, options);
    }
}
