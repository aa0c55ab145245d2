package org.exekutir.netns.hosts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.host.SettingProblem;

/**
 * The provider's settings, from the job's merged configuration.
 *
 * @param range the block hosts get their /30s from ({@code netns_range})
 * @param root  the folder holding one folder per host ({@code netns_root})
 */
public record NetnsSettings(Ipv4Range range, Path root) {

    public static final String RANGE = "netns_range";
    public static final String ROOT = "netns_root";
    public static final String DEFAULT_RANGE = "10.213.0.0/16";
    public static final String DEFAULT_ROOT = "/var/tmp/exekutir-netns";

    public static NetnsSettings from(Map<String, Object> settings) throws NetnsException {
        Ipv4Range range = Ipv4Range.parse(SettingValues.text(settings, RANGE, DEFAULT_RANGE), RANGE);
        if (range.hostSubnets() == 0) {
            throw new NetnsException(RANGE + ": " + range + " is too small; a host needs a /30");
        }
        String root = SettingValues.text(settings, ROOT, DEFAULT_ROOT);
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
    public static List<SettingProblem> check(Map<String, Object> settings) {
        return SettingValues.problems(Set.of(RANGE, ROOT), RANGE, () -> from(settings));
    }
}
