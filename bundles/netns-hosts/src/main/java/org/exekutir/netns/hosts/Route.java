package org.exekutir.netns.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of {@code ip -4 -o route show table all}.
 *
 * @param destination the routed block; empty for {@code default}
 * @param device      the link the route goes out of; empty for {@code blackhole} and the like
 * @param line        the line as {@code ip} printed it, for messages
 */
public record Route(Optional<Ipv4Range> destination, Optional<String> device, String line) {

    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");

    public static List<Route> parseAll(String output) throws NetnsException {
        List<Route> routes = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                routes.add(parse(line.strip()));
            }
        }
        return routes;
    }

    public static Route parse(String line) throws NetnsException {
        String[] words = line.split("\\s+");
        int at = TYPES.contains(words[0]) ? 1 : 0;
        if (at >= words.length) {
            throw new NetnsException("cannot read the route '" + line + "'");
        }
        Optional<Ipv4Range> destination = words[at].equals("default") ? Optional.empty()
                : Optional.of(Ipv4Range.parse(words[at], "route '" + line + "'"));
        Optional<String> device = Optional.empty();
        for (int i = at + 1; i + 1 < words.length; i++) {
            if (words[i].equals("dev")) {
                device = Optional.of(words[i + 1]);
            }
        }
        return new Route(destination, device, line);
    }
}
