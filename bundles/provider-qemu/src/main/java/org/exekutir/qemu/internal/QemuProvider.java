package org.exekutir.qemu.internal;

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
import org.exekutir.netns.hosts.Ip;
import org.exekutir.netns.hosts.MachineChecks;
import org.exekutir.netns.hosts.NamespacedHostProvider;
import org.exekutir.netns.hosts.Programs;
import org.osgi.service.component.annotations.Component;

/**
 * The VM provider {@code qemu}: each host a virtual machine of the guest image (Debian, built
 * once with mmdebstrap, see {@code image_*}) with a disk overlay of its own, KVM when it
 * really works and emulation otherwise, bridged into a network namespace of its own joined as
 * a {@code netns} host is (a /30 from {@code netns_range}, no route out). Needs root, qemu
 * (qemu-system-x86, qemu-utils) and, to build the image, mmdebstrap.
 */
@Component(service = VmProvider.class)
@ExekutirName("qemu")
public class QemuProvider extends NamespacedHostProvider {

    public QemuProvider() {
        this(CreationObserver.NONE, Clock.systemUTC());
    }

    QemuProvider(CreationObserver observer, Clock clock) {
        super(observer, clock);
    }

    @Override
    protected void checkMachine(boolean creating) throws IOException {
        MachineChecks.requireRoot("the qemu provider", "runs VMs bridged into them");
    }

    @Override
    protected HostService service(Commands commands, Programs programs, Map<String, Object> settings,
            boolean creating) throws IOException {
        return new QemuMachine(commands, new Ip(commands, programs), QemuSettings.from(settings),
                creating ? ImageSource.of(settings) : ImageSource.NONE, observer);
    }

    @Override
    protected Set<String> ownSettingNames() {
        Set<String> names = new HashSet<>(QemuSettings.NAMES);
        names.addAll(ImageRecipe.SETTINGS);
        return names;
    }

    @Override
    protected List<SettingProblem> checkOwnSettings(Map<String, Object> settings) {
        List<SettingProblem> problems = new ArrayList<>(ImageRecipe.check(settings));
        problems.addAll(QemuSettings.check(settings));
        return problems;
    }
}
