package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;

/**
 * Makes a host, or finds and repairs it: every step first looks whether its part is already
 * there and healthy. The record (name, address, links) is written before anything exists on
 * the machine, so whatever a crash or an interrupt leaves behind, destruction finds by name.
 * What answers ssh in the host's namespace is the {@link HostService}'s.
 */
public final class HostCreation {

    /** How many times (100 ms apart) routes on a link being removed are waited for to go. */
    private static final int VANISHING_LINK_CHECKS = 50;
    /** Where every namespaced host answers ssh, on its own address. */
    public static final int SSH_PORT = 22;

    private final Ip ip;
    private final HostService service;
    private final HostDestruction destruction;
    private final CreationObserver observer;
    private final Clock clock;

    public HostCreation(Commands commands, Programs programs, HostService service, CreationObserver observer,
            Clock clock) {
        this.service = service;
        this.ip = new Ip(commands, programs);
        this.destruction = new HostDestruction(ip, service);
        this.observer = observer;
        this.clock = clock;
    }

    public HostVars discoverOrCreate(HostRequest request, NetnsSettings settings, HostService.Progress progress)
            throws IOException, InterruptedException {
        JobKey key = JobKey.of(request);
        HostNames names = HostNames.of(request.name());
        Path folder = settings.root().resolve(names.folder());
        Optional<HostRecord> made = HostRecord.read(folder);
        if (made.isPresent() && isHealthy(made.get(), folder)) {
            service.ensureRunning(made.get(), key, folder, progress);
            return hostVars(request, made.get(), key, folder);
        }
        HostRecord record;
        try (MachineLock lock = MachineLock.acquire()) {
            List<Route> routes = ip.routes();
            for (int wait = 0; wait < VANISHING_LINK_CHECKS && RangeGuard.isVanishing(settings.range(), routes); wait++) {
                Thread.sleep(100);
                routes = ip.routes();
            }
            RangeGuard.check(settings.range(), routes);
            Optional<HostRecord> existing = HostRecord.read(folder);
            if (existing.isPresent()) {
                record = existing.get();
            } else {
                // Parts without a record are leftovers of a crash before it was written: remake.
                destruction.removeNetwork(names.namespace(), names.outerLink());
                record = allocate(names, settings, routes, folder);
            }
            buildNetwork(record);
        }
        service.ensureRunning(record, key, folder, progress);
        return hostVars(request, record, key, folder);
    }

    /** The common case of a second call: everything is up, nothing to lock or repair. */
    private boolean isHealthy(HostRecord record, Path folder) throws IOException, InterruptedException {
        return ip.namespaceUsable(record.namespace()) && ip.linkExists(record.outerLink())
                && service.answers(record, folder);
    }

    private HostRecord allocate(HostNames names, NetnsSettings settings, List<Route> routes, Path folder)
            throws IOException, InterruptedException {
        List<Ipv4Range> taken = new ArrayList<>();
        routes.forEach(route -> route.destination().ifPresent(taken::add));
        taken.addAll(recordedSubnets(settings.root()));
        Ipv4Range subnet = null;
        for (long n = 0; n < settings.range().hostSubnets() && subnet == null; n++) {
            Ipv4Range candidate = settings.range().hostSubnet(n);
            if (taken.stream().noneMatch(candidate::overlaps)) {
                subnet = candidate;
            }
        }
        if (subnet == null) {
            throw new NetnsException("netns_range " + settings.range() + " is full: every /30 in it is routed or"
                    + " recorded under " + settings.root() + "; destroy old hosts or widen the range");
        }
        Files.createDirectories(settings.root());
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        HostRecord record = HostRecord.fresh(names, clock.instant(), subnet);
        record.write(folder);
        observer.reached(CreationObserver.RECORD_WRITTEN);
        return record;
    }

    /** Subnets of every host recorded under the root, also those made from inside other namespaces. */
    private static List<Ipv4Range> recordedSubnets(Path root) throws IOException {
        List<Ipv4Range> subnets = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return subnets;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                try {
                    HostRecord.read(folder).ifPresent(record -> subnets.add(record.subnet()));
                } catch (IOException e) {
                    // a host being destroyed right now; its links, while they last, show in the routes
                }
            }
        }
        return subnets;
    }

    private void buildNetwork(HostRecord record) throws IOException, InterruptedException {
        String namespace = record.namespace();
        if (!ip.namespaceUsable(namespace)) {
            if (ip.namespaceFileExists(namespace)) {
                ip.deleteNamespace(namespace);
            }
            ip.addNamespace(namespace);
        }
        observer.reached(CreationObserver.NAMESPACE_ADDED);
        ip.forbidForwardingIn(namespace);
        if (!ip.linkExists(record.outerLink()) || !ip.linkExistsIn(namespace, record.innerLink())) {
            if (ip.linkExists(record.outerLink())) {
                ip.deleteLink(record.outerLink());
            }
            if (ip.linkExistsIn(namespace, record.innerLink())) {
                ip.deleteLinkIn(namespace, record.innerLink());
            }
            ip.addVethInto(record.outerLink(), record.innerLink(), namespace);
        }
        observer.reached(CreationObserver.LINKS_ADDED);
        ip.setAddress(record.outerLink(), record.outerAddress(), Ipv4Range.HOST_PREFIX);
        if (service.addressInNamespace()) {
            ip.setAddressIn(namespace, record.innerLink(), record.hostAddress(), Ipv4Range.HOST_PREFIX);
        } else {
            ip.linkUpIn(namespace, record.innerLink());
        }
        ip.loopbackUpIn(namespace);
        observer.reached(CreationObserver.ADDRESSES_SET);
    }

    private HostVars hostVars(HostRequest request, HostRecord record, JobKey key, Path folder) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(HostVars.ADDRESS, record.hostAddress());
        values.put(HostVars.PORT, SSH_PORT);
        values.put(HostVars.USER, "root");
        values.put(HostVars.PRIVATE_KEY_FILE, key.privateKey().toString());
        values.put("ansible_ssh_common_args", "-o UserKnownHostsFile=" + quoted(knownHosts(request))
                + " -o StrictHostKeyChecking=accept-new");
        values.put(HostVars.TRANSPORT, "ssh");
        values.put(HostVars.ROOT, service.root(folder));
        values.put("netns_namespace", record.namespace());
        values.putAll(service.vars(record, folder));
        String name = request.known() == null ? record.request() : request.known().name();
        return HostVars.of(name, values);
    }

    private static String knownHosts(HostRequest request) {
        Path workspace = request.workspace() == null ? Path.of(".") : request.workspace();
        return workspace.resolve("ssh").resolve("known_hosts").toAbsolutePath().normalize().toString();
    }

    /** Ansible splits these arguments like a shell does. */
    private static String quoted(String path) {
        return path.matches("[A-Za-z0-9_./@%+=:,-]+") ? path : "'" + path.replace("'", "'\"'\"'") + "'";
    }
}
