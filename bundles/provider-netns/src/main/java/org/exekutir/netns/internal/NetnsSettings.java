package org.exekutir.netns.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.exekutir.api.host.SettingProblem;

/**
 * The provider's settings, from the job's merged configuration.
 *
 * @param range the block hosts get their /30s from ({@code netns_range})
 * @param root  the folder holding one folder per host ({@code netns_root})
 */
record NetnsSettings(Ipv4Range range, Path root) {

    static final String RANGE = "netns_range";
    static final String ROOT = "netns_root";
    static final String DEFAULT_RANGE = "10.213.0.0/16";
    static final String DEFAULT_ROOT = "/var/tmp/exekutir-netns";

    static NetnsSettings from(Map<String, Object> settings) throws NetnsException {
        Ipv4Range range = Ipv4Range.parse(text(settings, RANGE, DEFAULT_RANGE), RANGE);
        if (range.hostSubnets() == 0) {
            throw new NetnsException(RANGE + ": " + range + " is too small; a host needs a /30");
        }
        String root = text(settings, ROOT, DEFAULT_ROOT);
        if (!root.startsWith("/")) {
            throw new NetnsException(ROOT + ": '" + root + "' is not an absolute folder");
        }
        if (!root.matches("[^\\s\"'#]+")) {
            // sshd_config splits its lines at spaces; the host's sshd files live under this folder.
            throw new NetnsException(ROOT + ": '" + root + "' must not contain spaces, quotes or '#'");
        }
        return new NetnsSettings(range, Path.of(root).normalize());
    }

    /** What {@link #from} would refuse, by setting (its messages begin with the setting's name). */
    static List<SettingProblem> check(Map<String, Object> settings) {
        try {
            from(settings);
            return List.of();
        } catch (NetnsException e) {
            String message = e.getMessage();
            String key = message.startsWith(ROOT) ? ROOT : RANGE;
            String problem = message.startsWith(key + ": ") ? message.substring(key.length() + 2) : message;
            return List.of(SettingProblem.of(key, problem));
        }
    }

    private static String text(Map<String, Object> settings, String key, String otherwise) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? otherwise : value.toString().strip();
    }
}
