package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SettingProblem;
import org.exekutir.api.host.VmProvider;

/**
 * A VM provider of namespaced hosts ({@code netns}, {@code podman}, {@code qemu}): the record,
 * the namespace and veth, creation and destruction by name and the host's age are the same
 * for all; a provider says what answers ssh inside ({@link #service}) and what it needs of
 * the machine. Register a subclass with {@code @Component(service = VmProvider.class)}.
 */
public abstract class NamespacedHostProvider implements VmProvider {

    protected final CreationObserver observer;
    private final Clock clock;

    protected NamespacedHostProvider(CreationObserver observer, Clock clock) {
        this.observer = observer;
        this.clock = clock;
    }

    /** Refuses, saying what is missing, when this machine cannot make ({@code creating}) or destroy a host. */
    protected abstract void checkMachine(boolean creating) throws IOException;

    /**
     * @param creating whether a host is made (its service may need an image), or destroyed
     * @return what answers ssh in the host's namespace
     */
    protected abstract HostService service(Commands commands, Programs programs, Map<String, Object> settings,
            boolean creating) throws IOException;

    /** The provider's settings beyond {@code netns_range} and {@code netns_root}. */
    protected abstract Set<String> ownSettingNames();

    protected abstract List<SettingProblem> checkOwnSettings(Map<String, Object> settings);

    @Override
    public HostVars discoverOrCreate(HostRequest request) throws IOException, InterruptedException {
        NetnsSettings network = NetnsSettings.from(request.settings());
        checkMachine(true);
        Commands commands = new Commands();
        Programs programs = Programs.find();
        HostService service = service(commands, programs, request.settings(), true);
        return new HostCreation(commands, programs, service, observer, clock)
                .discoverOrCreate(request, network, request.progress()::accept);
    }

    @Override
    public boolean destroy(HostRequest request) throws IOException, InterruptedException {
        NetnsSettings network = NetnsSettings.from(request.settings());
        HostNames names = HostNames.of(request.name());
        checkMachine(false);
        Commands commands = new Commands();
        Programs programs = Programs.find();
        return new HostDestruction(new Ip(commands, programs), service(commands, programs, request.settings(), false))
                .destroy(names, network.root().resolve(names.folder()));
    }

    @Override
    public Optional<Duration> age(HostRequest request) throws IOException {
        NetnsSettings network = NetnsSettings.from(request.settings());
        Path folder = network.root().resolve(HostNames.of(request.name()).folder());
        return HostRecord.read(folder).map(record -> Duration.between(record.created(), clock.instant()));
    }

    @Override
    public Set<String> settingNames() {
        Set<String> names = new HashSet<>(ownSettingNames());
        names.addAll(Set.of(NetnsSettings.RANGE, NetnsSettings.ROOT));
        return names;
    }

    @Override
    public List<SettingProblem> checkSettings(Map<String, Object> settings) {
        List<SettingProblem> problems = new ArrayList<>(NetnsSettings.check(settings));
        problems.addAll(checkOwnSettings(settings));
        return problems;
    }
}
