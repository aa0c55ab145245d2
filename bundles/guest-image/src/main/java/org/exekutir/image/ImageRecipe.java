package org.exekutir.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.host.SettingProblem;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.SettingValues;

/**
 * What a guest image is built from: a Debian suite, the mirror its packages come from and
 * the packages installed over {@code minbase}. Its hash names the image in the cache, so a
 * changed recipe is a new image and an unchanged one is never built twice.
 *
 * @param suite    the Debian suite ({@code image_suite})
 * @param mirror   the mirror ({@code image_mirror}), as apt takes it
 * @param packages every package installed over minbase: {@link #BASE_PACKAGES} and
 *                 {@code image_packages}
 */
public record ImageRecipe(String suite, String mirror, List<String> packages) {

    public static final String SUITE = "image_suite";
    public static final String MIRROR = "image_mirror";
    public static final String PACKAGES = "image_packages";
    public static final Set<String> SETTINGS = Set.of(SUITE, MIRROR, PACKAGES, ImageCache.CACHE);

    public static final String DEFAULT_SUITE = "bookworm";
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    /** A host that boots with systemd, answers ssh as root and runs Ansible's modules (apt among them); a kernel for VMs. */
    public static final List<String> BASE_PACKAGES = List.of("systemd-sysv", "udev", "kmod", "dbus",
            "openssh-server", "python3", "python3-apt", "iproute2", "sudo", "linux-image-amd64");
    /** Changes with what {@link ImageBuild} does, so images of an older builder are not taken for new. */
    static final String BUILDER_VERSION = "3";

    public ImageRecipe {
        packages = List.copyOf(packages);
    }

    public static ImageRecipe from(Map<String, Object> settings) throws NetnsException {
        String suite = SettingValues.text(settings, SUITE, DEFAULT_SUITE);
        if (!suite.matches("[a-z][a-z0-9.-]*")) {
            throw new NetnsException(SUITE + ": '" + suite + "' is not a Debian suite name (bookworm, trixie, …)");
        }
        String mirror = SettingValues.text(settings, MIRROR, DEFAULT_MIRROR);
        if (!mirror.matches("(https?|file)://[^\\s'\"]+")) {
            throw new NetnsException(MIRROR + ": '" + mirror + "' is not an http://, https:// or file:// address");
        }
        Set<String> packages = new LinkedHashSet<>(BASE_PACKAGES);
        for (String name : list(settings.get(PACKAGES))) {
            if (!name.matches("[a-z0-9][a-z0-9+.-]+")) {
                throw new NetnsException(PACKAGES + ": '" + name + "' is not a Debian package name");
            }
            packages.add(name);
        }
        return new ImageRecipe(suite, mirror, new ArrayList<>(packages));
    }

    /** What {@link #from} (and the cache setting) would refuse, by setting. */
    public static List<SettingProblem> check(Map<String, Object> settings) {
        return SettingValues.problems(SETTINGS, PACKAGES, () -> {
            from(settings);
            ImageCache.root(settings);
        });
    }

    /** The recipe as text: what the hash is taken of, and what the image's manifest records. */
    public String describe() {
        return "builder=" + BUILDER_VERSION + "\nsuite=" + suite + "\nmirror=" + mirror + "\npackages="
                + String.join(",", packages.stream().sorted().toList()) + "\n";
    }

    /** 16 hex digits of the recipe's SHA-256: the image's folder and tag. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(describe().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A YAML list, or one string of names separated by spaces or commas. */
    private static List<String> list(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> names.add(String.valueOf(item).strip()));
        } else if (value != null && !value.toString().isBlank()) {
            names.addAll(List.of(value.toString().strip().split("[\\s,]+")));
        }
        names.removeIf(String::isEmpty);
        return names;
    }
}
