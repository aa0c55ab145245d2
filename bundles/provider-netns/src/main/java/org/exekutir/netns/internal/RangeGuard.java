package org.exekutir.netns.internal;

import java.util.List;

/**
 * Refuses a range that something else already routes in this network namespace: hosts made
 * there would be unreachable or would hijack someone's traffic. Routes over the provider's
 * own links (named with {@link HostNames#LINK_PREFIX}) and the default route are fine.
 */
final class RangeGuard {

    private RangeGuard() {
    }

    static void check(Ipv4Range range, List<Route> routes) throws NetnsException {
        for (Route route : routes) {
            if (route.destination().isPresent() && route.destination().get().overlaps(range) && !isOwn(route)) {
                throw new NetnsException("netns_range " + range + " is already routed on this machine by '"
                        + route.line() + "', which the netns provider did not make; set netns_range to a free"
                        + " private range (in exekutir_vars.yml)");
            }
        }
    }

    static boolean isOwn(Route route) {
        return route.device().map(device -> device.startsWith(HostNames.LINK_PREFIX)).orElse(false);
    }
}
