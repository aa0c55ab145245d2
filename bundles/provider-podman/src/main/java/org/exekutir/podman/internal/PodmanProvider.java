package org.exekutir.podman.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.SettingProblem;
import org.exekutir.api.host.VmProvider;
import org.exekutir.image.ImageRecipe;
import org.exekutir.image.ImageSource;
import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.MachineChecks;
import org.exekutir.netns.hosts.NamespacedHostProvider;
import org.exekutir.netns.hosts.Programs;
import org.osgi.service.component.annotations.Component;

/**
 * The VM provider {@code podman}: each host a container of the guest image (Debian, built
 * once with mmdebstrap, see {@code image_*}) running systemd and sshd, in a network
 * namespace of its own joined as a {@code netns} host is (a /30 from {@code netns_range}, no
 * route out), so a playbook may change it freely and this machine stays as it was. Needs
 * root, podman (with runc) and, to build the image, mmdebstrap.
 */
@Component(service = VmProvider.class)
@ExekutirName("podman")
public class PodmanProvider extends NamespacedHostProvider {

    public PodmanProvider() {
        this(CreationObserver.NONE, Clock.systemUTC());
    }

    PodmanProvider(CreationObserver observer, Clock clock) {
        super(observer, clock);
    }

    @Override
    protected void checkMachine(boolean creating) throws IOException {
        MachineChecks.requireRoot("the podman provider", "runs containers in them");
    }

    @Override
    protected HostService service(Commands commands, Programs programs, Map<String, Object> settings,
            boolean creating) throws IOException {
        PodmanSettings own = PodmanSettings.from(settings);
        return new PodmanContainer(new Podman(commands, own.globalOptions()), commands, own,
                creating ? ImageSource.of(settings) : ImageSource.NONE, observer);
    }

    @Override
    protected Set<String> ownSettingNames() {
        Set<String> names = new HashSet<>(PodmanSettings.NAMES);
        names.addAll(ImageRecipe.SETTINGS);
        return names;
    }

    @Override
    protected List<SettingProblem> checkOwnSettings(Map<String, Object> settings) {
        List<SettingProblem> problems = new ArrayList<>(ImageRecipe.check(settings));
        problems.addAll(PodmanSettings.check(settings));
        return problems;
    }
}
