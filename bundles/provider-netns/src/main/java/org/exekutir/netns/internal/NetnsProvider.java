package org.exekutir.netns.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.SettingProblem;
import org.exekutir.api.host.VmProvider;
import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.MachineChecks;
import org.exekutir.netns.hosts.NamespacedHostProvider;
import org.exekutir.netns.hosts.Programs;
import org.osgi.service.component.annotations.Component;

/**
 * The VM provider {@code netns}: throw-away hosts on this machine. Each host is a network
 * namespace named after the request, joined to the namespace the provider runs in by one veth
 * pair with a /30 from {@code netns_range}, running the real OpenSSH sshd for the job's key,
 * with its own folder under {@code netns_root} whose {@code root/} is the remote workspace
 * root. No forwarding, no NAT, no default route: a host reaches only the end of its own link.
 * Needs root, iproute2 and openssh-server.
 */
@Component(service = VmProvider.class)
@ExekutirName("netns")
public class NetnsProvider extends NamespacedHostProvider {

    public NetnsProvider() {
        this(CreationObserver.NONE, Clock.systemUTC());
    }

    NetnsProvider(CreationObserver observer, Clock clock) {
        super(observer, clock);
    }

    @Override
    protected void checkMachine(boolean creating) throws IOException {
        if (creating) {
            MachineChecks.require();
        } else {
            MachineChecks.requireRoot("the netns provider", "starts sshd");
        }
    }

    @Override
    protected HostService service(Commands commands, Programs programs, Map<String, Object> settings,
            boolean creating) {
        return new MachineSshd(commands, programs, observer);
    }

    @Override
    protected Set<String> ownSettingNames() {
        return Set.of();
    }

    @Override
    protected List<SettingProblem> checkOwnSettings(Map<String, Object> settings) {
        return List.of();
    }
}
