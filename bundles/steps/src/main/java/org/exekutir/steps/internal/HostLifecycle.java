package org.exekutir.steps.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.step.StepException;

/**
 * Creates and destroys hosts so that none is ever orphaned: the intent is recorded before
 * the provider is asked, the outcome after; destruction goes by the record's name and
 * provider, and a host already gone counts as destroyed.
 */
final class HostLifecycle {

    private final Layout layout;
    private final HostRecords records;

    HostLifecycle(Layout layout) {
        this.layout = layout;
        this.records = new HostRecords(layout);
    }

    HostRecords records() {
        return records;
    }

    /** The name providers know a host by: it carries the job's uuid. */
    static String requestName(Settings settings, String host) {
        return settings.uuid() + "-" + host;
    }

    /**
     * Finds or creates the host and merges its variables into {@code inventory/host_vars/<host>.yml}.
     *
     * @param hostSettings the host's own inventory variables (they win over the settings)
     */
    HostVars create(String host, String providerName, VmProvider provider, Settings settings,
            Map<String, Object> hostSettings, PrintStream out) throws StepException, InterruptedException {
        HostRecord record = records.intend(host, providerName, requestName(settings, host));
        out.println(host + ": asking provider '" + providerName + "' for " + record.request());
        HostVars returned;
        try {
            returned = provider.discoverOrCreate(request(record, settings, hostSettings)
                    .withProgress(line -> out.println(host + ": " + line)));
        } catch (IOException | RuntimeException e) {
            records.write(record.with(HostRecord.State.FAILED, Optional.of(String.valueOf(e.getMessage()))));
            throw new StepException(host + ": provider '" + providerName + "' could not create " + record.request()
                    + ": " + e.getMessage() + " (" + layout.show(records.file(host))
                    + " keeps it for cleanup)", e);
        }
        // Interrupted above: the record stays 'creating', which cleanup treats as a host that may exist.
        Map<String, Object> vars = new LinkedHashMap<>(returned.values());
        vars.putIfAbsent(HostVars.KNOWN_HOSTS_FILE, layout.knownHosts().toString());
        try {
            YamlFiles.write(layout.results().resolve("hosts").resolve(host + ".yml"), returned.values(),
                    "the variables provider '" + providerName + "' returned for " + record.request());
            Map<String, Object> merged = YamlFiles.readMap(layout.hostVars(host));
            merged.putAll(vars);
            YamlFiles.write(layout.hostVars(host), merged, "written by exekutir from provider '" + providerName + "'");
        } catch (IOException | YamlFiles.BadYamlException e) {
            records.write(record.with(HostRecord.State.FAILED, Optional.of(String.valueOf(e.getMessage()))));
            throw new StepException(host + ": cannot record its variables: " + e.getMessage(), e);
        }
        records.write(record.with(HostRecord.State.CREATED, Optional.empty()));
        out.println(host + ": ready (" + returned.address().orElse("no address") + "); variables in "
                + layout.show(layout.hostVars(host)));
        return HostVars.of(host, vars);
    }

    /**
     * Destroys the host a record names.
     *
     * @return whether the provider found something to destroy
     */
    boolean destroy(HostRecord record, VmProvider provider, Settings settings, Map<String, Object> hostSettings,
            PrintStream out) throws StepException, InterruptedException {
        // The record says the host may exist until it says destroyed: a record that cannot be
        // written (a full disk) must never stop the destruction, only leave the next cleanup
        // to find the host gone.
        HostRecord destroying = records.tryWrite(record.with(HostRecord.State.DESTROYING, record.error()), out);
        boolean found;
        try {
            found = provider.destroy(request(record, settings, hostSettings)
                    .withProgress(line -> out.println(record.name() + ": " + line)));
        } catch (IOException | RuntimeException e) {
            records.tryWrite(destroying.with(HostRecord.State.DESTROYING, Optional.of(String.valueOf(e.getMessage()))),
                    out);
            throw new StepException(record.name() + ": provider '" + record.provider() + "' could not destroy "
                    + record.request() + ": " + e.getMessage(), e);
        }
        records.tryWrite(destroying.with(HostRecord.State.DESTROYED, Optional.empty()), out);
        out.println(record.name() + ": " + (found ? "destroyed " + record.request()
                : record.request() + " was already gone; counted as destroyed"));
        return found;
    }

    /** How old the host is: as the provider tells, else since its record was first written. */
    Duration age(HostRecord record, VmProvider provider, Settings settings) throws InterruptedException {
        try {
            Optional<Duration> told = provider.age(request(record, settings, Map.of()));
            if (told.isPresent()) {
                return told.get();
            }
        } catch (IOException | StepException | RuntimeException e) {
            // the record's time is what we know then
        }
        return Duration.between(record.since(), Instant.now());
    }

    HostRequest request(HostRecord record, Settings settings, Map<String, Object> hostSettings) throws StepException {
        Map<String, Object> merged = new LinkedHashMap<>(settings.values());
        merged.putAll(hostSettings);
        Map<String, Object> known = new LinkedHashMap<>();
        try {
            known.putAll(YamlFiles.readMap(layout.hostVars(record.name())));
        } catch (IOException | YamlFiles.BadYamlException e) {
            throw new StepException("cannot read " + layout.hostVars(record.name()) + ": " + e.getMessage(), e);
        }
        known.put(HostVars.PRIVATE_KEY_FILE, layout.privateKey().toString());
        merged.replaceAll((key, value) -> value == null ? "" : value);
        return HostRequest.of(record.request(), layout.root(), merged, HostVars.of(record.name(), known));
    }
}
