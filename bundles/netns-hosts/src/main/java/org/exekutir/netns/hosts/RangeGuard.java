package org.exekutir.netns.hosts;

import java.util.List;

/**
 * Refuses a range that something else already routes in this network namespace: hosts made
 * there would be unreachable or would hijack someone's traffic. Routes over the provider's
 * own links (named with {@link HostNames#LINK_PREFIX}) and the default route are fine.
 */
public final class RangeGuard {

    private RangeGuard() {
    }

    public static void check(Ipv4Range range, List<Route> routes) throws NetnsException {
        for (Route route : routes) {
            if (route.destination().isPresent() && route.destination().get().overlaps(range) && !isOwn(route)) {
                throw new NetnsException("netns_range " + range + " is already routed on this machine by '"
                        + route.line() + "', which the netns provider did not make; set netns_range to a free"
                        + " private range (in exekutir_vars.yml)");
            }
        }
    }

    /**
     * Whether a route over the range is on a link the kernel is still removing: when a host's
     * namespace goes, its veth goes a moment later, and meanwhile {@code ip} names it only by
     * its index ({@code dev if162}). Such a route is waited out, not taken for a stranger's.
     */
    public static boolean isVanishing(Ipv4Range range, List<Route> routes) {
        return routes.stream().anyMatch(route -> route.destination().isPresent()
                && route.destination().get().overlaps(range) && !isOwn(route)
                && route.device().map(device -> device.matches("if\\d+")).orElse(false));
    }

    public static boolean isOwn(Route route) {
        return route.device().map(device -> device.startsWith(HostNames.LINK_PREFIX)).orElse(false);
    }
}
