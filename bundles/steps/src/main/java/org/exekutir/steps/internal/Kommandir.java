package org.exekutir.steps.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.Transport;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;

/**
 * The kommandir as the exekutir's workspace knows it after the {@code kommandir} step:
 * its record, its variables, and how to reach it.
 *
 * @param record the host record, when the kommandir was ever asked for
 * @param vars   its variables ({@code inventory/host_vars/kommandir.yml})
 */
record Kommandir(Optional<HostRecord> record, HostVars vars) {

    static Kommandir read(Layout layout) throws StepException {
        Optional<HostRecord> record = new HostRecords(layout).find(Layout.KOMMANDIR);
        try {
            Map<String, Object> values = YamlFiles.readMap(layout.hostVars(Layout.KOMMANDIR));
            values.putIfAbsent(HostVars.KNOWN_HOSTS_FILE, layout.knownHosts().toString());
            return new Kommandir(record, HostVars.of(Layout.KOMMANDIR, values));
        } catch (IOException | YamlFiles.BadYamlException e) {
            throw new StepException("cannot read " + layout.hostVars(Layout.KOMMANDIR) + ": " + e.getMessage(), e);
        }
    }

    /** Whether the kommandir step made or found it in this or an earlier transition, and it was not destroyed since. */
    boolean up() {
        return record.map(r -> r.state() == HostRecord.State.CREATED).orElse(false);
    }

    /** Why it is not up, for messages. */
    String whyNotUp() {
        return record.map(r -> "hosts/kommandir.yml says it is " + r.state().word()
                + r.error().map(e -> " (" + e + ")").orElse("")).orElse("no kommandir was ever asked for");
    }

    /** A remote kommandir has a root folder; a local one works in the workspace's kommandir_workspace. */
    boolean remote() {
        return root().isPresent();
    }

    Optional<String> root() {
        return vars.string(HostVars.ROOT).filter(root -> !root.isBlank());
    }

    String remoteWorkspace() {
        return root().orElseThrow() + "/" + Layout.KOMMANDIR_WORKSPACE;
    }

    String remoteRuntime() {
        return root().orElseThrow() + "/exekutir";
    }

    /** The transport the host names, else {@code local} for a local connection and {@code ssh} otherwise. */
    String transportName() {
        return vars.string(HostVars.TRANSPORT).filter(name -> !name.isBlank()).orElseGet(
                () -> vars.string("ansible_connection").orElse("ssh").equals("local") ? "local" : "ssh");
    }

    Transport transport(StepContext context) throws StepException, InterruptedException {
        return context.use(Transport.class, transportName());
    }

    /** The error to give when a step needs the kommandir up. */
    StepException notUp(String what) {
        return new StepException("cannot " + what + ": the kommandir is not up (" + whyNotUp()
                + "); the kommandir step must succeed first");
    }
}
