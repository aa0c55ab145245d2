package org.exekutir.example.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The VM provider {@code example}: "creates" a host by recording it in a file of the
 * workspace ({@code example-hosts/NAME.yml}) and hands back variables that reach this same
 * machine. Like every provider it finds what it made before by the host's name alone, so
 * each call may be repeated after a crash.
 */
@Component
@ExekutirName("example")
public class ExampleProvider implements VmProvider {

    static final String FOLDER = "example-hosts";

    private String version;

    /** For Declarative Services, which calls {@link #activate} next. */
    public ExampleProvider() {
    }

    /** For tests without a framework. */
    ExampleProvider(String version) {
        this.version = version;
    }

    /** See {@link HelloStep#activate}: read the bundle now, never while serving a call. */
    @Activate
    void activate(BundleContext bundle) {
        version = bundle.getBundle().getVersion().toString();
    }

    @Override
    public HostVars discoverOrCreate(HostRequest request) throws IOException {
        Path file = hostFile(request);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(HostVars.ADDRESS, "localhost");
        values.put("ansible_connection", "local");
        values.put(HostVars.TRANSPORT, "local");
        values.put("example_provider_version", version);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            StringBuilder yaml = new StringBuilder();
            values.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
            Files.writeString(file, yaml);
        }
        return HostVars.of(request.name(), values);
    }

    @Override
    public boolean destroy(HostRequest request) throws IOException {
        return Files.deleteIfExists(hostFile(request));
    }

    @Override
    public Optional<Duration> age(HostRequest request) throws IOException {
        Path file = hostFile(request);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Instant created = Files.readAttributes(file, BasicFileAttributes.class).creationTime().toInstant();
        return Optional.of(Duration.between(created, Instant.now()));
    }

    private static Path hostFile(HostRequest request) throws IOException {
        if (!request.name().matches("[A-Za-z0-9._-]+")) {
            throw new IOException("the host name '" + request.name() + "' cannot name a file");
        }
        return request.workspace().resolve(FOLDER).resolve(request.name() + ".yml");
    }
}
