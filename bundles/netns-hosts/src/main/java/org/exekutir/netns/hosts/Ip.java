package org.exekutir.netns.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The iproute2 operations the provider needs. Links and routes are those of the network
 * namespace this process runs in (so a provider running inside a netns host makes hosts that
 * hang off that host); {@code -n NAMESPACE} reaches into a host's namespace.
 */
public final class Ip {

    public static final Path NAMESPACES = Path.of("/run/netns");

    private final Commands commands;
    private final Programs programs;

    public Ip(Commands commands, Programs programs) {
        this.commands = commands;
        this.programs = programs;
    }

    private List<String> ip(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(programs.ip().toString());
        command.addAll(List.of(arguments));
        return command;
    }

    public List<Route> routes() throws IOException, InterruptedException {
        return Route.parseAll(commands.check(ip("-4", "-o", "route", "show", "table", "all")));
    }

    public boolean linkExists(String link) throws IOException, InterruptedException {
        return commands.run(ip("link", "show", "dev", link)).succeeded();
    }

    public boolean linkExistsIn(String namespace, String link) throws IOException, InterruptedException {
        return commands.run(ip("-n", namespace, "link", "show", "dev", link)).succeeded();
    }

    public static Path namespaceFile(String namespace) {
        return NAMESPACES.resolve(namespace);
    }

    public boolean namespaceFileExists(String namespace) {
        return Files.exists(namespaceFile(namespace));
    }

    /** @return whether the namespace is mounted and answers (a crash can leave an empty file) */
    public boolean namespaceUsable(String namespace) throws IOException, InterruptedException {
        return namespaceFileExists(namespace) && commands.run(ip("-n", namespace, "link", "show", "dev", "lo")).succeeded();
    }

    public void addNamespace(String namespace) throws IOException, InterruptedException {
        commands.check(ip("netns", "add", namespace));
    }

    /** Unmounts and removes the namespace's name; the kernel frees it once no process is left in it. */
    public void deleteNamespace(String namespace) throws IOException, InterruptedException {
        Commands.Result result = commands.run(ip("netns", "delete", namespace));
        if (!result.succeeded() && namespaceFileExists(namespace)) {
            // A file left by a crash in the middle of `ip netns add` is no mount; remove it by hand.
            try {
                Files.deleteIfExists(namespaceFile(namespace));
            } catch (IOException e) {
                throw result.failure();
            }
        }
    }

    public List<Long> namespacePids(String namespace) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        for (String line : commands.check(ip("netns", "pids", namespace)).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    public void addVethInto(String outer, String inner, String namespace) throws IOException, InterruptedException {
        commands.check(ip("link", "add", outer, "type", "veth", "peer", "name", inner, "netns", namespace));
    }

    public void deleteLink(String link) throws IOException, InterruptedException {
        Commands.Result result = commands.run(ip("link", "delete", "dev", link));
        if (!result.succeeded() && linkExists(link)) {
            throw result.failure();
        }
    }

    public void deleteLinkIn(String namespace, String link) throws IOException, InterruptedException {
        commands.check(ip("-n", namespace, "link", "delete", "dev", link));
    }

    public void setAddress(String link, String address, int prefix) throws IOException, InterruptedException {
        commands.check(ip("address", "replace", address + "/" + prefix, "dev", link));
        commands.check(ip("link", "set", "dev", link, "up"));
    }

    public void setAddressIn(String namespace, String link, String address, int prefix) throws IOException, InterruptedException {
        commands.check(ip("-n", namespace, "address", "replace", address + "/" + prefix, "dev", link));
        commands.check(ip("-n", namespace, "link", "set", "dev", link, "up"));
    }

    public void linkUpIn(String namespace, String link) throws IOException, InterruptedException {
        commands.check(ip("-n", namespace, "link", "set", "dev", link, "up"));
    }

    /** Runs {@code ip -n NAMESPACE ARGUMENTS…}. */
    public String checkIn(String namespace, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-n", namespace));
        command.addAll(List.of(arguments));
        return commands.check(ip(command.toArray(String[]::new)));
    }

    public void loopbackUpIn(String namespace) throws IOException, InterruptedException {
        commands.check(ip("-n", namespace, "link", "set", "dev", "lo", "up"));
    }

    /**
     * A new namespace copies IPv4 settings from the machine's own, forwarding included; a host
     * must never route, so its peons cannot reach past it.
     */
    public void forbidForwardingIn(String namespace) throws IOException, InterruptedException {
        commands.check(List.of(programs.nsenter().toString(), "--net=" + namespaceFile(namespace), "--",
                programs.shell().toString(), "-c", "echo 0 > /proc/sys/net/ipv4/ip_forward"));
    }
}
