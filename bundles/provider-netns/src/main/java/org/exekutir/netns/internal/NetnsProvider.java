package org.exekutir.netns.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SettingProblem;
import org.exekutir.api.host.VmProvider;
import org.osgi.service.component.annotations.Component;

/**
 * The VM provider {@code netns}: throw-away hosts on this machine. Each host is a network
 * namespace named after the request, joined to the namespace the provider runs in by one veth
 * pair with a /30 from {@code netns_range}, running the real OpenSSH sshd for the job's key,
 * with its own folder under {@code netns_root} whose {@code root/} is the remote workspace
 * root. No forwarding, no NAT, no default route: a host reaches only the end of its own link.
 * Needs root, iproute2 and openssh-server.
 */
@Component
@ExekutirName("netns")
public class NetnsProvider implements VmProvider {

    private final CreationObserver observer;
    private final Clock clock;

    public NetnsProvider() {
        this(CreationObserver.NONE, Clock.systemUTC());
    }

    NetnsProvider(CreationObserver observer, Clock clock) {
        this.observer = observer;
        this.clock = clock;
    }

    @Override
    public HostVars discoverOrCreate(HostRequest request) throws IOException, InterruptedException {
        NetnsSettings settings = NetnsSettings.from(request.settings());
        MachineChecks.require();
        return new HostCreation(new Commands(), Programs.find(), observer, clock).discoverOrCreate(request, settings);
    }

    @Override
    public boolean destroy(HostRequest request) throws IOException, InterruptedException {
        NetnsSettings settings = NetnsSettings.from(request.settings());
        HostNames names = HostNames.of(request.name());
        MachineChecks.requireRoot();
        return new HostDestruction(new Ip(new Commands(), Programs.find()))
                .destroy(names, settings.root().resolve(names.folder()));
    }

    @Override
    public Optional<Duration> age(HostRequest request) throws IOException {
        NetnsSettings settings = NetnsSettings.from(request.settings());
        Path folder = settings.root().resolve(HostNames.of(request.name()).folder());
        return HostRecord.read(folder).map(record -> Duration.between(record.created(), clock.instant()));
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(NetnsSettings.RANGE, NetnsSettings.ROOT);
    }

    @Override
    public List<SettingProblem> checkSettings(Map<String, Object> settings) {
        return NetnsSettings.check(settings);
    }
}
