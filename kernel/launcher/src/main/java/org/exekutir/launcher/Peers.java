package org.exekutir.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.net.UnixDomainPrincipal;

/**
 * Who may drive the daemon: its own user and, when {@value #GROUP_PROPERTY} names one,
 * the members of that group (by primary group or by membership in {@code /etc/group}).
 * The kernel tells the daemon the peer of every connection ({@code SO_PEERCRED}); a file
 * mode alone would be one {@code chmod} away from letting everyone in.
 */
final class Peers {

    /** The framework property naming the control group; unset: the daemon's user alone. */
    static final String GROUP_PROPERTY = "exekutir.control.group";

    private final UserPrincipal owner;
    private final GroupPrincipal group;
    private final Set<String> members;

    Peers(UserPrincipal owner, GroupPrincipal group, Set<String> members) {
        this.owner = owner;
        this.group = group;
        this.members = members;
    }

    /** The daemon's user, and the named group (null or blank: none). */
    static Peers of(String groupName) throws KernelException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal owner = self();
        try {
            if (groupName == null || groupName.isBlank()) {
                return new Peers(owner, null, Set.of());
            }
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupName.strip());
            return new Peers(owner, group, members(groupName.strip()));
        } catch (UserPrincipalNotFoundException e) {
            throw new KernelException(GROUP_PROPERTY + "=" + groupName + ": no such group");
        } catch (IOException e) {
            throw new KernelException("cannot read the members of group " + groupName + ": " + e.getMessage(), e);
        }
    }

    /** This process's effective user: the owner of /proc/self, whatever user.name says. */
    static UserPrincipal self() throws KernelException {
        try {
            return Files.getOwner(Path.of("/proc/self"));
        } catch (IOException e) {
            throw new KernelException("cannot tell the daemon's own user: " + e.getMessage(), e);
        }
    }

    UserPrincipal owner() {
        return owner;
    }

    GroupPrincipal group() {
        return group;
    }

    /** Whether the peer is the daemon's user or of its control group. */
    boolean admits(UnixDomainPrincipal peer) {
        return isOwner(peer)
                || group != null && (peer.group().equals(group) || members.contains(peer.user().getName()));
    }

    /** Whether the peer is the daemon's own user (who sees every job, not only its own). */
    boolean isOwner(UnixDomainPrincipal peer) {
        return peer.user().getName().equals(owner.getName());
    }

    /** What a refused peer is told and the daemon logs. */
    String whoIsServed() {
        return "this daemon serves only user " + owner.getName() + (group == null ? "" : " and group " + group.getName());
    }

    /** The group's members as /etc/group lists them (supplementary membership). */
    private static Set<String> members(String groupName) throws IOException {
        Path groups = Path.of("/etc/group");
        if (!Files.isReadable(groups)) {
            return Set.of();
        }
        for (String line : Files.readAllLines(groups, StandardCharsets.UTF_8)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && fields[0].equals(groupName)) {
                return Arrays.stream(fields[3].split(",")).map(String::strip).filter(name -> !name.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
            }
        }
        return Set.of();
    }
}
